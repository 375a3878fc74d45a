package p

func area(w, h float64) float64 { return w * h }

func f() float64 {
	return area(2)
}
