package p

func arr() [4]int { return [4]int{} }

func f(m map[int]int) {
	_ = arr()[1:2]
	_ = m[1:2]
}
