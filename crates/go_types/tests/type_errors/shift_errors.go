package p

func f(x int, s float64) {
	_ = x << s
	_ = 1.5 << 2
	_ = x << -1
	var f float64 = 1 << x
	_ = f
}
