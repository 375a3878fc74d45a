package p

func f(xs []int) {
	count := 0
	for i, x := range xs {
		_ = x
	}
}
