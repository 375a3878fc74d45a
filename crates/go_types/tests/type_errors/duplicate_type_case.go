package p

func f(x any) int {
	switch x.(type) {
	case int, string:
		return 1
	case int:
		return 2
	}
	return 0
}
