package p

import "strings"

func first(xs []string) string {
	return xs[0] + 1
}

func second(s string) int {
	return strings.Index(s)
}

func third() {
	undefinedHelper()
}

func fourth(n int) string {
	return n
}
