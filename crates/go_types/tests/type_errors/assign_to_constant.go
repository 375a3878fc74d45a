package p

const limit = 10

func f() {
	limit = 20
	len := 3
	_ = len
}
