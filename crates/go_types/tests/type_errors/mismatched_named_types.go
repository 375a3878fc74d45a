package p

type Celsius float64
type Fahrenheit float64

func diff(c Celsius, f Fahrenheit) Celsius {
	return c - f
}

func same(c Celsius, f Fahrenheit) bool {
	return c == f
}
