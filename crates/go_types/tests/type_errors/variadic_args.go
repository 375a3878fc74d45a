package p

import "fmt"

func sum(xs ...int) int { return len(xs) }

func f() {
	nums := []int{1, 2}
	_ = sum(1, nums...)
	_ = sum("a")
	fmt.Println(nums...)
}
