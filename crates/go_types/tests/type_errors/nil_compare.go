package p

type T struct{}

func f(t T, n int) bool {
	return t == nil || n != nil
}
