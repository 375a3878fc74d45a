package p

type Rec struct {
	Name string
	Tags []string
}

func same(a, b Rec) bool {
	return a == b
}
