package p

import "strconv"

func describe(id int, name string) string {
	return name + ":" + id + strconv.Itoa(id)
}
