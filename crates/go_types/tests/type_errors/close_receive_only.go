package p

func f(in <-chan int, n int) {
	close(in)
	close(n)
}
