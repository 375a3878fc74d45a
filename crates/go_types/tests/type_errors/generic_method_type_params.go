package p

type Box[T any] struct{ v T }

func (b Box[T]) Map[U any](f func(T) U) Box[U] {
	return Box[U]{f(b.v)}
}

func f(b Box[int]) {
	_ = b.Map(func(s string) int { return len(s) })
	_ = b.Map[int, int](nil)
}
