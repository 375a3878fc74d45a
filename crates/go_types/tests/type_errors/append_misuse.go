package p

func f(xs []int, m map[int]int) {
	xs = append(xs, "a")
	_ = append(m, 1)
	xs = append(xs, xs)
}
