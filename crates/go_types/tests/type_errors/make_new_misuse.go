package p

func f() {
	_ = make([]int)
	_ = make(map[string]int, 1, 2)
	_ = new(5)
}
