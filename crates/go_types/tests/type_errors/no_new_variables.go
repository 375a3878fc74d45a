package p

import "os"

func f() error {
	f, err := os.Open("a")
	f, err := os.Open("b")
	_ = f
	return err
}
