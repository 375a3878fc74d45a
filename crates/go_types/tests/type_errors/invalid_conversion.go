package p

type Point struct{ X, Y int }

func f(s string, p Point, fl float64) {
	_ = int(s)
	_ = string(p)
	_ = []byte(fl)
	_ = Point(3)
}
