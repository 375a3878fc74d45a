package p

var n = 4

var a [n]int
var b [-1]int
var c [1.5]string
var d ["x"]byte
