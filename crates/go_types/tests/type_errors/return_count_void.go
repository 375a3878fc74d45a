package p

func log(msg string) {
	return msg
}

func get() (int, error) {
	return
}

func one() int {
	return 1, nil
}
