package p

func f(x, y int) {
	x + y
	x == 1
	"done"
}
