package p

const pi = 3.14159

var n int = pi
var m = int(2.5)
