package p

func f(s string) string {
	s[0] = 'X'
	return s
}
