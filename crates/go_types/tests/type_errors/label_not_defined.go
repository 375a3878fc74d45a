package p

func f(xs [][]int) {
	for _, row := range xs {
		for _, x := range row {
			if x < 0 {
				continue next
			}
		}
	}
}
