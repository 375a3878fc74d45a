package p

const zero = 0

func f(x int) int {
	a := x / 0
	b := x % zero
	c := 1.0 / 0.0
	_ = c
	return a + b
}
