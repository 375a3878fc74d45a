package p

func Max[T any](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Add[T any](a, b T) T {
	return a + b
}
