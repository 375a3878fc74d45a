package examples

// Record is what the sinks store.
type Record struct {
	ID    int
	Score float64
}

// AnySink keeps its last record in an interface field, through an interface parameter:
// every call boxes the Record on the heap.
type AnySink struct{ last any }

// Put stores v.
//
//go:noinline
func (s *AnySink) Put(v any) { s.last = v }

// RecordSink keeps its last record by value in a concrete field: no allocation.
type RecordSink struct{ last Record }

// Put stores r.
//
//go:noinline
func (s *RecordSink) Put(r Record) { s.last = r }
