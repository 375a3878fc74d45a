package p

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Square struct{ side float64 }

func (s Square) Area() int          { return 0 }
func (s Square) Perimeter() float64 { return 4 * s.side }

func use(s Shape) {}

func f() {
	use(Square{2})
}
