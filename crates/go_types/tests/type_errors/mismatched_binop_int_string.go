package p

func label(n int) string {
	return "item " + n
}
