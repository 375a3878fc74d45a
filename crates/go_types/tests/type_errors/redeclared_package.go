package p

type Handler struct{}

func Handler() {}

var limit = 10

const limit = 20
