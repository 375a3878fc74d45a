package p

func f(xs []int) int {
outer:
	for _, x := range xs {
		if x > 0 {
			return x
		}
	}
	return 0
}
