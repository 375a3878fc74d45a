package p

func f(xs []int, m map[string]int) {
	for i := 0; i < "10"; i++ {
	}
	for k, v := range m {
		k = v
	}
	for _, x := range xs {
		x.Foo()
	}
}
