// Package examples shows, one function each, the shapes of heap allocation that
// Go developers meet most often. heapscope's README runs against this package.
package examples

import "fmt"

// Point is a small value type used throughout the examples.
type Point struct{ X, Y int }

// NewPoint returns the address of a local: p outlives the frame, so it is moved to the heap.
func NewPoint(x, y int) *Point {
	p := Point{X: x, Y: y}
	return &p
}

// Boxed returns an int as an interface: the value is copied into a heap cell.
func Boxed(n int) interface{} {
	return n
}

// Counter returns a closure that increments a captured variable; the closure escapes and
// captures count by reference, so count moves to the heap.
func Counter() func() int {
	count := 0
	return func() int {
		count++
		return count
	}
}

// Buffer makes a slice whose capacity is only known at run time.
func Buffer(n int) int {
	buf := make([]int, 0, n)
	for i := 0; i < n; i++ {
		buf = append(buf, i)
	}
	return len(buf)
}

// Large makes a 65 KiB buffer: above the 64 KiB limit for implicit stack allocations.
func Large() byte {
	b := make([]byte, 65*1024)
	return b[0]
}

// Print passes x to fmt.Println, whose ...any parameter makes the value escape.
func Print(x int) {
	fmt.Println(x)
}
