package p

import "time"

func wait(n int) {
	time.Sleep(n * time.Second)
	var d time.Duration = 1.5
	_ = d
}
