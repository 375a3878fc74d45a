package p

import "errors"

func parse(s string) (int, error) {
	if s == "" {
		return "", errors.New("empty")
	}
	return len(s), "ok"
}
