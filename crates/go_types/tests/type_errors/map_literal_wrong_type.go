package p

var ages = map[string]int{
	"alice": 30,
	"bob":   "forty",
	7:       12,
}
