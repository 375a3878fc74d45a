package p

const c = 5

func get() int { return 1 }

func f() {
	_ = &c
	_ = &get()
	_ = &42
}
