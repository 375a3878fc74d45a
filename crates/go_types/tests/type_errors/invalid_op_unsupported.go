package p

type T struct{ a int }

func f(a, b T, s []int, m map[string]int) {
	_ = a + b
	_ = s == s
	_ = m < m
	_ = -"neg"
}
