package p

func produce(ch chan int) {
	ch <- "done"
	var s string
	ch <- s
}
