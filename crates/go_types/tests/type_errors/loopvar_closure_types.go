package p

func f(xs []string) []func() int {
	var fs []func() int
	for _, x := range xs {
		fs = append(fs, func() int { return x })
	}
	return fs
}
