package p

import "strconv"

func square(x int) int { return x * x }

func f() {
	_ = square("4")
	_ = strconv.Itoa(int64(5))
}
