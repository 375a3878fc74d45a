package p

import "io"

type Reader struct{}

func (r *Reader) Read(p []byte) (int, error) { return 0, nil }

func f(r io.Reader) {
	_ = r.(Reader)
	_ = r.(string)
}
