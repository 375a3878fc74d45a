package p

type RGB struct{ R, G, B uint8 }

var red = RGB{255, 0}
var blue = RGB{0, 0, 255, 1}
