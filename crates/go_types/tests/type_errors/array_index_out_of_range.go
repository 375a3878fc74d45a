package p

func f() {
	var a [3]int
	a[5] = 1
	_ = a[-1]
	s := "abc"
	_ = s[10]
}
