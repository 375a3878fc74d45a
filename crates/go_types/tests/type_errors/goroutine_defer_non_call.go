package p

func work() int { return 1 }

func f() {
	defer recover
	go work
}
