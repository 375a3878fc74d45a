package p

var names = []string{"a", 'b', 3}
