package p

func f() {
	var unused int
	var a, b = 1, 2
	_ = a
}
