package p

import "strings"

type Stack struct{ items []int }

func (s *Stack) Push(x int) { s.items = append(s.items, x) }

func use() {
	var s Stack
	s.Push(1)
	s.Pop()
	var b strings.Builder
	b.WriteStrings("x")
}
