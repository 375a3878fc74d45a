package p

var a = [2]int{1, 2, 3}
var b = [3]string{5: "x"}
