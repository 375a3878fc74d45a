package p

type Point struct {
	X, Y int
}

var origin = Point{X: 0.5, Y: "0"}
