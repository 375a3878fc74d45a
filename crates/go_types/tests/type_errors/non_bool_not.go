package p

func f(n int, p *int) bool {
	return !n || p
}
