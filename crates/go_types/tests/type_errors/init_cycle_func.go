package p

var config = load()

func load() int {
	return config + 1
}
