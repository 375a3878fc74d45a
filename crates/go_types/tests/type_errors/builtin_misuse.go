package p

func f(n int, m map[string]int, s []int) {
	_ = len(n)
	_ = cap(m)
	delete(s, 0)
	_ = make(int)
}
