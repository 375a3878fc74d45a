package p

func Max[T int | float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func f(i int, x float64) {
	_ = Max(i, x)
}
