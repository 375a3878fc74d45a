package p

func f() {
	var count int
	count = "three"
	var name string
	name = 42
	_, _ = count, name
}
