package p

import "strings"

func greet(name string) string { return "hi " + name }

func f() {
	_ = greet("a", "b")
	_ = strings.Repeat("x", 3, 4)
}
