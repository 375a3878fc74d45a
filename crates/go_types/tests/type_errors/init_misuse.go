package p

func init() int { return 1 }

func f() {
	init()
}
