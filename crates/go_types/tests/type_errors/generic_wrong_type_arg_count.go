package p

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func Map[T, U any](xs []T, f func(T) U) []U { return nil }

var p Pair[string]
var q Pair[string, int, bool]

func f() {
	_ = Map[int, string, bool]
}
