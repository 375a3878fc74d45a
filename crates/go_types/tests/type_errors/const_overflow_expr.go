package p

func f() {
	var x uint = -1
	var y byte = 'a' * 10
	_, _ = x, y
}
