package p

var x = iota

func f() int { return iota + 1 }
