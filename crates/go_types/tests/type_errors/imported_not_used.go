package p

import (
	"fmt"
	"os"
	str "strings"
)

func f() int { return 1 }
