package p

func f(s string, b bool) {
	_ = s * 2
	_ = s - "x"
	_ = b + b
	_ = s % 3
}
