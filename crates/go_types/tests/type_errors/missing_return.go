package p

func sign(x int) int {
	if x > 0 {
		return 1
	} else if x < 0 {
		return -1
	}
}

func loop(x int) int {
	for x > 0 {
		return x
	}
}
