package p

type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ }

func makeCounter() Counter { return Counter{} }

func f(m map[string]Counter) {
	makeCounter().Inc()
	m["a"].Inc()
	Counter{}.Inc()
}
