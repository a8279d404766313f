package calendar

import (
	"io"
	"testing"
	"time"
)

func BenchmarkAdd(b *testing.B) {
	w := NewWriter(io.Discard, true)
	e := Event{ID: 12, Due: "2026-12-01", Who: "Prospect 12, Inc.; dept", Change: "a quote, line by line", Next: "call them\nagain", Updated: time.Now()}
	b.ReportAllocs()
	for b.Loop() {
		if err := w.Add(e); err != nil {
			b.Fatal(err)
		}
	}
}
