package p

type Number interface{ int | float64 }

var n Number

func f(x Number) {}
