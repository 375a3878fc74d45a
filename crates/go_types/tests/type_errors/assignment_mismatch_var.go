package p

var x, y = 1

func f() {
	var a, b int = 1, 2, 3
	_, _ = a, b
}
