package p

type Node struct {
	Value int
	Next  Node
}

type A struct{ b B }
type B struct{ a A }
