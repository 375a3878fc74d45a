package p

import "time"

func (d time.Duration) Hours2() float64 { return 0 }

func (n int) Double() int { return n * 2 }
