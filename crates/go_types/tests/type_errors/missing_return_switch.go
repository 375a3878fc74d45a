package p

func name(d int) string {
	switch d {
	case 0:
		return "zero"
	case 1:
		return "one"
	}
}
