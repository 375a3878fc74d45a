package p

type Animal interface {
	Sound() string
}

func f(a Animal) string {
	return a.Name()
}
