package p

func get() int { return 1 }

type T struct{ n int }

func mk() T { return T{} }

func f() {
	get() = 2
	mk().n = 3
}
