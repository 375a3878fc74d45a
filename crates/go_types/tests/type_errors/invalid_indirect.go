package p

func f(x int, s string) int {
	y := *x
	_ = *s
	return y
}
