package p

import "sync"

func f() {
	var wg sync.WaitGroup
	wg.Add()
	var mu sync.Mutex
	mu.Lock(1)
	wg.Done(true)
}
