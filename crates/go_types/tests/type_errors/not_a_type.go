package p

var value = 3

func f(x value) {}

var y []value
