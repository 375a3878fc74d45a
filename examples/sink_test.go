package examples

import "testing"

// BenchmarkAnySink reports 1 alloc/op: the Record is boxed into an interface each call.
func BenchmarkAnySink(b *testing.B) {
	var s AnySink
	for i := 0; b.Loop(); i++ {
		s.Put(Record{ID: i, Score: 1.5})
	}
}

// BenchmarkRecordSink reports 0 allocs/op: the Record is copied by value.
func BenchmarkRecordSink(b *testing.B) {
	var s RecordSink
	for i := 0; b.Loop(); i++ {
		s.Put(Record{ID: i, Score: 1.5})
	}
}

func TestShapes(t *testing.T) {
	if p := NewPoint(1, 2); p.X != 1 || p.Y != 2 {
		t.Fatal("NewPoint")
	}
	if Boxed(3).(int) != 3 {
		t.Fatal("Boxed")
	}
	c := Counter()
	c()
	if c() != 2 {
		t.Fatal("Counter")
	}
	if Buffer(10) != 10 || Large() != 0 {
		t.Fatal("Buffer/Large")
	}
}
