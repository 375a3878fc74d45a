package p

func f(n int, s string) {
	n()
	_ = s(1)
}
