package calendar

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
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

// Every event reads back through the other library (emersion/go-ical)
// with its text as it was made inert: commas, semicolons, backslashes and
// line breaks escaped, escape sequences and CRs gone, long lines folded
// at 75 bytes without cutting a UTF-8 rune.
func TestEventsReadBack(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, true)
	at := time.Date(2026, 11, 20, 9, 30, 15, 0, time.UTC)
	long := strings.Repeat("Zoë Ærø Ünïcorn — ", 8)
	events := []Event{
		{ID: 1, Due: "2026-12-01", Who: "Acme, Inc.; \x1b[31mred\x1b[0m", Change: "a\\b, c;\r\nd", Next: "e\x07f", Updated: at},
		{ID: 22, Due: "2027-01-31", Who: long, Updated: at.Add(90 * time.Second)},
		{ID: 333, Due: "2026-12-31", Who: "", Updated: time.Time{}},
	}
	for _, e := range events {
		if err := w.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Add(Event{ID: 4, Due: "soon"}); err == nil {
		t.Error("a bad date was written")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(line) > 75 || !utf8.ValidString(line) {
			t.Errorf("line of %d bytes (valid UTF-8 %v): %q", len(line), utf8.ValidString(line), line)
		}
	}
	if bytes.ContainsAny(data, "\x1b\x07") || bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\r")) {
		t.Error("a control character reached the file")
	}
	cal, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	evs := cal.Events()
	if len(evs) != 3 {
		t.Fatalf("%d events", len(evs))
	}
	text := func(ev goical.Event, name string) string {
		s, err := ev.Props.Text(name)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	want := []struct{ uid, summary, desc string }{
		{"no-1@rebound", "Follow up: Acme, Inc.; red", "Rebound No #1 (rebound show 1)\nWhat would need to change: a\\b, c;\nd\nNext step: ef"},
		{"no-22@rebound", "Follow up: " + strings.TrimSpace(long), "Rebound No #22 (rebound show 22)"},
		{"no-333@rebound", "Follow up: (no name)", "Rebound No #333 (rebound show 333)"},
	}
	for i, ev := range evs {
		if u := text(ev, goical.PropUID); u != want[i].uid {
			t.Errorf("event %d UID %q", i, u)
		}
		if s := text(ev, goical.PropSummary); s != want[i].summary {
			t.Errorf("event %d summary %q, want %q", i, s, want[i].summary)
		}
		if d := text(ev, goical.PropDescription); d != want[i].desc {
			t.Errorf("event %d description %q, want %q", i, d, want[i].desc)
		}
	}
	s0, _ := evs[0].Props.Get(goical.PropSequence).Int()
	s1, _ := evs[1].Props.Get(goical.PropSequence).Int()
	if s1 != s0+1 || Sequence(at) != s0 {
		t.Errorf("SEQUENCE %d then %d for a No changed 90 s later", s0, s1)
	}
	if st, err := evs[0].Props.DateTime(goical.PropDateTimeStamp, time.UTC); err != nil || !st.Equal(at) {
		t.Errorf("DTSTAMP %v %v", st, err)
	}
}
