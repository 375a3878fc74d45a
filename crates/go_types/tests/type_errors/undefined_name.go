package p

func total(xs []int) int {
	for _, x := range xs {
		sum += x
	}
	return sum
}
