package p

import "strconv"

func parse(a, b string) (int, error) {
	x, err := strconv.Atoi(a)
	if err != nil {
		return 0, err
	}
	if b != "" {
		y, err := strconv.Atoi(b)
		x += y
	}
	return x, nil
}
