package dates

import (
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestParse(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	// Monday 2026-11-23, late evening in New York (already Tuesday in UTC).
	now := time.Date(2026, 11, 23, 22, 30, 0, 0, ny)
	cases := []struct {
		in   string
		want journal.Day
	}{
		{"today", "2026-11-23"},
		{"  Today ", "2026-11-23"},
		{"yesterday", "2026-11-22"},
		{"tomorrow", "2026-11-24"},
		{"in 2 weeks", "2026-12-07"},
		{"3 days ago", "2026-11-20"},
		{"2026-12-01", "2026-12-01"},
		{"in 3 months", "2027-02-23"},
		{"2 months ago", "2026-09-23"},
		{"in a month", "2026-12-23"},
		{"friday", "2026-11-27"},
		{"next tuesday", "2026-11-24"},
	}
	for _, c := range cases {
		got, err := Parse(c.in, now)
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, in := range []string{"", "banana", "2026-13-01", "tuesday-ish", "in two fortnights", "12/01"} {
		if d, err := Parse(in, now); err == nil {
			t.Errorf("Parse(%q) = %q, want an error", in, d)
		}
	}
}

func TestParseDSTSpringForward(t *testing.T) {
	t.Parallel()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	// The night the clocks go forward (2026-03-29): "tomorrow" must be the 30th.
	now := time.Date(2026, 3, 28, 23, 59, 0, 0, berlin)
	if got, _ := Parse("tomorrow", now); got != "2026-03-29" {
		t.Fatalf("tomorrow = %s", got)
	}
	if got, _ := Parse("in 2 days", now); got != "2026-03-30" {
		t.Fatalf("in 2 days = %s", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"today", "in 2 weeks", "2026-12-01", "3 days ago", "next tuesday", "\x1b[2J", "in 99999999999 months", "\xff"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s, now)
		if err == nil && !d.Valid() {
			t.Fatalf("Parse(%q) returned invalid day %q", s, d)
		}
	})
}
