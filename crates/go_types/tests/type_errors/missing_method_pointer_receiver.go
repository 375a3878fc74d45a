package p

import "fmt"

type Temp float64

func (t *Temp) String() string { return "temp" }

func f() {
	var s fmt.Stringer = Temp(3)
	_ = s
}
