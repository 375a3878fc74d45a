package p

type Set[T comparable] map[T]struct{}

func (s Set[T]) Add(v T) { s[v] = struct{}{} }

func f() {
	s := Set[int]{}
	s.Add("x")
	s.Remove(1)
	var t Set[[]int]
	_ = t
}
