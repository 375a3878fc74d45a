package p

func a() {}

func f(g func()) bool {
	return g == a
}
