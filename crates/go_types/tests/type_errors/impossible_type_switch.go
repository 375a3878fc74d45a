package p

import "fmt"

type Celsius float64

func describe(s fmt.Stringer) string {
	switch s.(type) {
	case Celsius:
		return "temp"
	case int:
		return "int"
	}
	return ""
}
