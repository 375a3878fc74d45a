package p

type Namer interface {
	Name() string
	int
}

func f(n Namer) {}
