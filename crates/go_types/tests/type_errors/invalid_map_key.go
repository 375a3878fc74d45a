package p

type Key struct{ parts []string }

var m map[[]int]string
var n map[Key]int
var o map[func()]bool
