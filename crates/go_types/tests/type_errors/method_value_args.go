package p

type Counter struct{ n int }

func (c *Counter) Add(d int) { c.n += d }

func f(c *Counter) {
	c.Add()
	c.Add(1, 2)
}
