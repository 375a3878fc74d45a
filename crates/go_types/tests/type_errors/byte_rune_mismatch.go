package p

func f(s string) bool {
	var r rune = 'a'
	var b byte = s[0]
	return b == r
}
