package p

var codes = map[string]int{
	"ok":    200,
	"found": 302,
	"ok":    201,
}

var xs = []int{0: 1, 1: 2, 0: 3}
