package p

func f() int {
	var n int
	n = 2.5
	x := 1.0
	n = x
	return n
}
