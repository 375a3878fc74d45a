package p

func f() int {
	x := 1
	var x int
	return x
}
