package p

func f(x int, s []string) {
	_ = x.(int)
	_, _ = s.([]string)
}
