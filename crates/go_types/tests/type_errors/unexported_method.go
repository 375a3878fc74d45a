package p

import "bytes"

func f(b *bytes.Buffer) {
	b.grow(10)
	_ = b.empty()
}
