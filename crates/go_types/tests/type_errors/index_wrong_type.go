package p

func f(s []int, m map[string]int) {
	_ = s["a"]
	_ = s[1.5]
	_ = m[1]
}
