package p

func f(a []int, b []string) {
	copy(a, b)
	copy(a, 3)
}
