package p

import "strconv"

func pair() (int, int) { return 1, 2 }

func f() {
	a, b, c := pair()
	n := strconv.Atoi("3")
	_, _, _, _ = a, b, c, n
}
