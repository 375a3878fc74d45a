package p

func Index[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func f() {
	_ = Index([][]int{{1}}, []int{1})
	_ = Index([]func(){}, nil)
}
