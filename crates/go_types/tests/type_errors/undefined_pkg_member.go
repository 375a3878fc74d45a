package p

import (
	"fmt"
	"strings"
)

func f() {
	fmt.Printn("hi")
	_ = strings.Contain("abc", "b")
}
