package p

type Opt struct{ N int }

var o = Opt{N: 1, N: 2}
