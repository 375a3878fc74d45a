package p

func f(xs []int) {
	append(xs, 1)
	len(xs)
}
