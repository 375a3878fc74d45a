package p

const huge = 1 << 10000

func f(x int) int {
	return x << huge
}
