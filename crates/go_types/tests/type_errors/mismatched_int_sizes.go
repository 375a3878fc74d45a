package p

func mix(a int32, b int64) int64 {
	return a + b
}

func cmp(a uint, b int) bool {
	return a < b
}
