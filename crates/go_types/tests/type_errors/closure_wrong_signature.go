package p

import "sort"

func f(xs []int) {
	sort.Slice(xs, func(i, j int) int { return xs[i] - xs[j] })
	sort.Slice(xs, func(i int) bool { return true })
}
