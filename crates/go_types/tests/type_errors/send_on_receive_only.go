package p

func produce(ch <-chan int) {
	ch <- 1
}

func consume(ch chan<- int) int {
	return <-ch
}
