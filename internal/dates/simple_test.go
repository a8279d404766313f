package dates

import (
	"fmt"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestSimpleAgreesWithWhen: the forms read directly give what when's rules
// give for them, across DST changes and month and year ends.
func TestSimpleAgreesWithWhen(t *testing.T) {
	var inputs []string
	for _, w := range []string{"today", "tomorrow", "yesterday"} {
		inputs = append(inputs, w)
	}
	for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 20, 21, 27, 28, 29, 30, 31, 45, 52, 60, 90, 99, 100, 180, 365, 366, 399, 400} {
		for _, u := range []string{"day", "days", "week", "weeks"} {
			inputs = append(inputs, fmt.Sprintf("in %d %s", n, u), fmt.Sprintf("%d %s ago", n, u))
		}
	}
	for _, zone := range []string{"UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skip(err)
		}
		for _, now := range []time.Time{
			time.Date(2026, 3, 8, 1, 30, 0, 0, loc), time.Date(2026, 3, 29, 23, 0, 0, 0, loc),
			time.Date(2026, 10, 4, 9, 0, 0, 0, loc), time.Date(2026, 11, 1, 0, 30, 0, 0, loc),
			time.Date(2026, 12, 31, 23, 59, 0, 0, loc), time.Date(2028, 2, 28, 12, 0, 0, 0, loc),
		} {
			today := journal.DayOf(now)
			noon := today.Time(now.Location()).Add(12 * time.Hour)
			for _, in := range inputs {
				got, ok := simple(in, today)
				if !ok {
					t.Fatalf("simple(%q) refused it", in)
				}
				left, matched, when, err := natural(in, noon)
				if err != nil || left != 0 || matched != in {
					t.Errorf("%s %v: when does not read %q (matched %q)", zone, now, in, matched)
					continue
				}
				if want := journal.DayOf(when.In(now.Location())); got != want {
					t.Errorf("%s %v: %q = %s, when says %s", zone, now, in, got, want)
				}
			}
		}
	}
	for _, in := range []string{"in 0 days", "in 01 days", "in 2 fortnights", "2 days", "in +2 days", "in 401 days"} {
		if _, ok := simple(in, "2026-11-23"); ok {
			t.Errorf("simple(%q) read it", in)
		}
	}
}
