package p

func f(n int, s string) {
	if n {
		return
	}
	for s {
	}
}
