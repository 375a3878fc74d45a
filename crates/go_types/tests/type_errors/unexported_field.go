package p

import (
	"strings"
	"sync"
)

func f(b *strings.Builder, m *sync.Mutex) {
	_ = b.buf
	_ = m.state
}
