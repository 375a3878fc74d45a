package p

func f(x int) {
	if x > 0 {
		break
	}
}
