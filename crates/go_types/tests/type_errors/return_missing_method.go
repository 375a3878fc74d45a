package p

import "errors"

type myErr struct{ msg string }

func (e *myErr) Message() string { return e.msg }

func check(x int) error {
	if x < 0 {
		return myErr{"neg"}
	}
	return errors.New("x")
}
