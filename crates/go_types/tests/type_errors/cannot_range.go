package p

type Bag struct{ items []int }

func f(b Bag, p *[]int) {
	for range b {
	}
	for i := range p {
		_ = i
	}
}
