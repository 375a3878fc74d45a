package p

func join(sep string, parts ...string) string { return "" }

func f(xs []string) {
	_ = join(xs...)
	_ = join(",", "a", xs...)
	_ = len(xs...)
}
