package p

type List[T any] struct {
	items []T
}

func Identity[T any](x T) T { return x }

var l List

func f() {
	g := Identity
	_ = g
}
