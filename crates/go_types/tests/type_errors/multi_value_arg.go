package p

func two() (int, int) { return 1, 2 }
func one(x int) int { return x }

func f() {
	_ = one(two())
}
