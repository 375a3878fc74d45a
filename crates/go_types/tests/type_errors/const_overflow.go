package p

const big = 1 << 64

var a int64 = big
var b uint8 = 256
var c int8 = -129
