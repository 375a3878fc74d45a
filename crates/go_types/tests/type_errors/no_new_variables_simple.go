package p

func f() {
	x := 1
	x := 2
	_ = x
}
