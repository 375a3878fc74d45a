package p

type Point struct{ X, Y int }

func f(m map[string]Point) {
	m["a"].X = 3
	_ = &m["b"]
}
