package p

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func f() {
	_ = Sum([]string{"a"})
	_ = Sum[bool](nil)
}
