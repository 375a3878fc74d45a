package p

func f(out chan<- int, n int) {
	x := <-out
	y := <-n
	_, _ = x, y
}
