package p

type Pair struct{ K string; V int }

var a = Pair{K: "x", 2}
