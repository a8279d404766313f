package journal

import (
	"testing"
	"time"
)

// TestAddDaysFastPathAgrees: the in-month shortcut gives what the calendar gives.
func TestAddDaysFastPathAgrees(t *testing.T) {
	for _, d := range []Day{"2026-11-01", "2026-11-27", "2026-11-28", "2024-02-28", "0001-01-01", "9999-12-28", "2026-13-05", "2026-00-05", "2026-1-05", "x026-11-05", ""} {
		for n := -40; n <= 40; n++ {
			want := DayOf(d.utc().AddDate(0, 0, n))
			if got := d.AddDays(n); got != want {
				t.Errorf("%q.AddDays(%d) = %q, want %q", d, n, got, want)
			}
		}
	}
	start := time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 4000 {
		d := DayOf(start.AddDate(0, 0, i))
		for _, n := range []int{-1, 1, 7, -7, 27} {
			if got, want := d.AddDays(n), DayOf(d.utc().AddDate(0, 0, n)); got != want {
				t.Fatalf("%q.AddDays(%d) = %q, want %q", d, n, got, want)
			}
		}
	}
}

func TestDaysUntilFastPathAgrees(t *testing.T) {
	days := []Day{"0000-01-01", "0000-03-01", "0001-02-28", "1900-02-28", "1900-03-01", "2000-02-29", "2024-02-29", "2023-02-29",
		"2026-11-23", "2026-13-01", "2026-04-31", "2026-00-10", "9999-12-31", "", "junk", "2026-1-1"}
	start := time.Date(1895, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 120000; i += 37 {
		days = append(days, DayOf(start.AddDate(0, 0, i)))
	}
	for _, a := range days {
		for _, b := range days[:20] {
			want := int(b.utc().Sub(a.utc()).Hours() / 24)
			if got := a.DaysUntil(b); got != want {
				t.Fatalf("%q.DaysUntil(%q) = %d, want %d", a, b, got, want)
			}
			if got, want := b.DaysUntil(a), int(a.utc().Sub(b.utc()).Hours()/24); got != want {
				t.Fatalf("%q.DaysUntil(%q) = %d, want %d", b, a, got, want)
			}
		}
	}
}
