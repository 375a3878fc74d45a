package p

func f(ch chan int, n int) {
	for i, v := range ch {
		_, _ = i, v
	}
	for i, v := range n {
		_, _ = i, v
	}
}
