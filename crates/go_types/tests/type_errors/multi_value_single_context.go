package p

import "os"

func two() (int, error) { return 0, nil }

func f() int {
	n := two() + 1
	_ = n
	return two()
}

func g() {
	var f = os.Open("x")
	_ = f
}
