package p

func handler() int { return 1 }

func f() int {
	x := handler + 1
	return handler
}
