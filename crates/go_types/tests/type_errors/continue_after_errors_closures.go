package p

func f() {
	add := func(a, b int) int { return a + b }
	_ = add(1)
	mul := func(a int) { return a }
	_ = mul
	go add(1, "2")
	defer add()
}
