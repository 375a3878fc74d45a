package p

type Config struct{ N int }

func f() {
	x := Config
	_ = x
	_ = int + 1
}
