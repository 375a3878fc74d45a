package p

import (
	"context"
	"time"
)

func f() {
	ctx := context.WithTimeout(context.Background(), time.Second)
	_ = ctx
	c2, _ := context.WithCancel(nil, 1)
	_ = c2
}
