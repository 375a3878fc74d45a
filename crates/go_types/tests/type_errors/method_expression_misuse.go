package p

type T struct{}

func (t *T) M() {}

func f() {
	g := T.M
	_ = g
	T.N()
}
