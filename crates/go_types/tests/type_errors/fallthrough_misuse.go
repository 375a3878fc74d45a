package p

func f(x int, v any) int {
	switch v.(type) {
	case int:
		fallthrough
	case string:
	}
	switch x {
	case 1:
		return 1
	default:
		fallthrough
	}
	return 0
}
