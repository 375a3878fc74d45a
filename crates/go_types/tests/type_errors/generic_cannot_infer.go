package p

func Zero[T any]() T {
	var z T
	return z
}

func Make[K comparable, V any](k K) map[K]V {
	return map[K]V{}
}

func f() {
	_ = Zero()
	_ = Make("a")
}
