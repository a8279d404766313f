package dates

import (
	"fmt"
	"strings"
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

// TestParseRefusesOverflow: a count too large for any date is refused as
// out of range, in every form and unit, never wrapped round into a date
// that looks real ("in 1000000 weeks" was 1901-12-25).
func TestParseRefusesOverflow(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, form := range []string{"in %s %s", "within %s %s", "%s %s ago"} {
		for _, unit := range []string{"seconds", "minutes", "hours", "days", "weeks", "months", "years"} {
			for _, n := range []string{"1000000", "10000000000000", "9223372036854775807", "9223372036854775808", "99999999999999999999"} {
				if n == "1000000" && (unit == "seconds" || unit == "minutes" || unit == "hours") {
					continue // a real date, within 115 years
				}
				in := fmt.Sprintf(form, n, unit)
				d, err := Parse(in, now)
				if err == nil {
					t.Errorf("Parse(%q) = %s, want it refused", in, d)
					continue
				}
				if want := fmt.Sprintf("the date %q is out of range; try %s", in, Hint); err.Error() != want {
					t.Errorf("Parse(%q): %v, want %q", in, err, want)
				}
			}
		}
	}
	// Right at the edge of the range: 2200-12-31 is the last day taken.
	if d, err := Parse("in 63590 days", now); err != nil || d != "2200-12-31" {
		t.Errorf("in 63590 days = %q, %v", d, err)
	}
	if d, err := Parse("in 63591 days", now); err == nil {
		t.Errorf("in 63591 days = %q, want it refused", d)
	}
}

// TestParseCountsMonthsOnTheCalendar: months and years in every form land
// where time.AddDate puts them (when kept the year: "in two months" said in
// November was January of the same year).
func TestParseCountsMonthsOnTheCalendar(t *testing.T) {
	t.Parallel()
	words := map[int]string{1: "one", 2: "two", 3: "three", 11: "eleven", 12: "twelve"}
	for _, now := range []time.Time{
		time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC),
		time.Date(2028, 2, 29, 18, 0, 0, 0, time.UTC),
	} {
		at := func(months int) journal.Day { return journal.DayOf(now.AddDate(0, months, 0)) }
		for _, n := range []int{1, 2, 3, 11, 12, 13, 14, 25, 100, 1000} {
			cases := map[string]journal.Day{
				fmt.Sprintf("in %d months", n):     at(n),
				fmt.Sprintf("within %d months", n): at(n),
				fmt.Sprintf("%d months ago", n):    at(-n),
			}
			if n <= 100 {
				cases[fmt.Sprintf("in %d years", n)] = at(12 * n)
				cases[fmt.Sprintf("%d years ago", n)] = at(-12 * n)
			}
			if w, ok := words[n]; ok {
				cases["in "+w+" months"] = at(n)
				cases[w+" months ago"] = at(-n)
			}
			for in, want := range cases {
				got, err := Parse(in, now)
				if want < "1900-01-01" || want > "2200-12-31" {
					if err == nil {
						t.Errorf("%s: Parse(%q) = %s, want out of range", now, in, got)
					}
					continue
				}
				if err != nil || got != want {
					t.Errorf("%s: Parse(%q) = %q, %v; want %s", now, in, got, err, want)
				}
			}
		}
		for in, want := range map[string]journal.Day{"in half a year": at(6), "half a year ago": at(-6)} {
			if got, err := Parse(in, now); err != nil || got != want {
				t.Errorf("%s: Parse(%q) = %q, %v; want %s", now, in, got, err, want)
			}
		}
	}
}

// A follow-up's hint offers only dates ahead.
func TestFutureHintOffersNoPast(t *testing.T) {
	for _, past := range []string{"yesterday", "ago"} {
		if strings.Contains(FutureHint, past) {
			t.Errorf("FutureHint offers %q: %s", past, FutureHint)
		}
	}
}
