package p

func f(x int, p *map[string]int) {
	_ = x[0]
	_ = p["a"]
}
