package p

func nothing() {}

func f() {
	x := nothing()
	_ = x
}
