package p

type T struct {
	ID   int
	Name string
	ID   string
}
