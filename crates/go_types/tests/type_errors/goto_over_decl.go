package p

func f(x int) int {
	if x > 0 {
		goto done
	}
	y := x * 2
done:
	return y
}
