package p

func kind(n int) string {
	switch n {
	case 1, 2:
		return "small"
	case 3, 1:
		return "dup"
	}
	return ""
}

func name(s string) int {
	switch s {
	case "a":
		return 1
	case "a":
		return 2
	}
	return 0
}
