package p

var a int = "a"

const b = c

var d = []int{1, "2"}

type e struct{ f undefinedType }

func g() int { return a }
