package p

import (
	"fmt"
	"os"
)

func main2() {
	name := os.Args[1]
	fmt.Println("hello", nme)
	count := len(name) + "x"
	var unused bool
}

func helper() (int, error) {
	return 1
}
