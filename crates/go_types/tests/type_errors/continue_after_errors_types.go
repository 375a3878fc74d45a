package p

type Good struct{ N int }

type Bad struct {
	M Missing
}

func useGood(g Good) int { return g.N + "x" }

func useBad(b Bad) int { return b.M }

func ok() int { return 1 }
