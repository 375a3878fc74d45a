package p

func f() {
	a := struct{ X int }{1}
	var b struct{ Y int } = a
	_ = b
}
