package p

func run() {
	result := compute(3, 4)
	_ = result
}
