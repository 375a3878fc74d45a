package p

import "io"

func f(r *io.Reader) {
	buf := make([]byte, 4)
	r.Read(buf)
}
