package p

import "io"

type File struct{}

func (f File) Read(p []byte) (int, error) { return 0, nil }

func f() {
	var w io.Writer = File{}
	var rc io.ReadCloser = File{}
	_, _ = w, rc
}
