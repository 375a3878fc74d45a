package p

// Keys out of order, then unkeyed elements running into used indices.
var a = []int{5: 1, 2, 5: 3}

var b = [...]string{"x", "y", 0: "z", 3: "w", "v", 4: "u"}

// Keys in order (no duplicates).
var c = [8]int{0: 1, 1: 2, 2, 7: 4}

var d = []int{1, 2, 3, 2: 9, 10, 11}
