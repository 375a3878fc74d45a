package p

func divmod(a, b int) (int, int) {
	if b == 0 {
		return 0
	}
	return a / b, a % b, 0
}
