package p

func f() {
	x := nil
	var n int = nil
	_ = n
	_ = x
}
