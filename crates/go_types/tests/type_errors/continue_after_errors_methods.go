package p

type Acc struct{ total int }

func (a *Acc) Add(n int) {
	a.total += n
	a.count++
}

func (a *Acc) Reset() {
	a.total = ""
}

func (a Acc) Value() int {
	return a.total * 1.5
}
