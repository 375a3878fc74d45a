package p

import "strings"

func f(s string) string {
	return strings.toUpper(s)
}
