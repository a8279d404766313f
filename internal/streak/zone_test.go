package streak

import (
	"testing"
	"time"
	_ "time/tzdata" // the DST tests must not depend on the machine's zoneinfo

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestDSTSwitch logs one thing a night at a fixed local time across each
// zone's DST switch, turns the instants into days with DayIn, and expects
// one unbroken streak with one active day per night.
func TestDSTSwitch(t *testing.T) {
	t.Parallel()
	switches := []struct {
		zone string
		day  journal.Day // the switch (or, for Kolkata, a control date without one)
	}{
		{"America/New_York", "2026-03-08"}, // spring forward 02:00 -> 03:00
		{"America/New_York", "2026-11-01"}, // fall back: 01:30 happens twice
		{"Europe/Berlin", "2026-03-29"},
		{"Europe/Berlin", "2026-10-25"},
		{"Australia/Sydney", "2026-04-05"}, // fall back (southern autumn)
		{"Australia/Sydney", "2026-10-04"}, // spring forward
		{"Asia/Kolkata", "2026-03-08"},     // no DST: control
	}
	clock := []struct{ h, m int }{{23, 30}, {0, 30}, {1, 30}, {2, 30}, {12, 0}}
	const nights = 15
	for _, sw := range switches {
		loc, err := time.LoadLocation(sw.zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range clock {
			first := sw.day.AddDays(-nights / 2)
			activity := map[journal.Day]int{}
			for i := range nights {
				d := first.AddDays(i)
				// A real timestamp: the instant, stripped of its zone as a
				// store would keep it.
				mid := d.Time(loc)
				at := time.Date(mid.Year(), mid.Month(), mid.Day(), c.h, c.m, 0, 0, loc).UTC()
				got := DayIn(at, loc)
				if got != d {
					t.Errorf("%s %02d:%02d on %s: DayIn = %s", sw.zone, c.h, c.m, d, got)
				}
				activity[got]++
			}
			last := first.AddDays(nights - 1)
			r := Compute(Input{Activity: activity, Today: last})
			if r.Current != nights || r.CurrentStart != first || r.CurrentEnd != last || r.AtRisk {
				t.Errorf("%s %02d:%02d across %s: got current %d %s..%s at risk %v, want %d %s..%s",
					sw.zone, c.h, c.m, sw.day, r.Current, r.CurrentStart, r.CurrentEnd, r.AtRisk, nights, first, last)
			}
		}
	}
}

// TestFallBackDuplicateHour: both 01:30s of New York's fall-back night are
// the same day, so they add to that day's activity and never to the next.
func TestFallBackDuplicateHour(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	firstAt := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)  // 01:30 EDT
	secondAt := time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC) // 01:30 EST
	for _, at := range []time.Time{firstAt, secondAt} {
		if got := DayIn(at, ny); got != "2026-11-01" {
			t.Errorf("DayIn(%v) = %s, want 2026-11-01", at, got)
		}
		if hm := at.In(ny).Format("15:04"); hm != "01:30" {
			t.Fatalf("test setup: %v is %s in New York, want 01:30", at, hm)
		}
	}
}

// TestZoneChange: the same instants belong to different days in different
// zones; each zone's days are right and the streak follows them.
func TestZoneChange(t *testing.T) {
	t.Parallel()
	ny, _ := time.LoadLocation("America/New_York")
	kol, _ := time.LoadLocation("Asia/Kolkata")
	berlin, _ := time.LoadLocation("Europe/Berlin")

	// 02:00 UTC each day from June 1 to 7: 22:00 the evening before in New
	// York, 07:30 the same morning in Kolkata.
	var instants []time.Time
	for i := range 7 {
		instants = append(instants, time.Date(2026, 6, 1+i, 2, 0, 0, 0, time.UTC))
	}
	for _, z := range []struct {
		loc                 *time.Location
		first, last         journal.Day
		todayActive, atRisk bool
	}{
		{ny, "2026-05-31", "2026-06-06", false, true},
		{kol, "2026-06-01", "2026-06-07", true, false},
	} {
		activity := map[journal.Day]int{}
		for i, at := range instants {
			d := DayIn(at, z.loc)
			if want := z.first.AddDays(i); d != want {
				t.Errorf("%s: DayIn(%v) = %s, want %s", z.loc, at, d, want)
			}
			activity[d]++
		}
		today := DayIn(time.Date(2026, 6, 7, 12, 0, 0, 0, time.UTC), z.loc)
		r := Compute(Input{Activity: activity, Today: today})
		if r.Current != 7 || r.CurrentStart != z.first || r.CurrentEnd != z.last ||
			r.TodayActive != z.todayActive || r.AtRisk != z.atRisk {
			t.Errorf("%s: got %+v", z.loc, r)
		}
	}

	// A traveller reflects at 21:00 wherever they are: four nights in New
	// York, then four in Berlin. Each instant is dayed in the zone it was
	// made in; the streak is unbroken and no day is skipped or doubled.
	activity := map[journal.Day]int{}
	var days []journal.Day
	for i := range 8 {
		loc := ny
		if i >= 4 {
			loc = berlin
		}
		at := time.Date(2026, 6, 1+i, 21, 0, 0, 0, loc).UTC()
		d := DayIn(at, loc)
		days = append(days, d)
		activity[d]++
	}
	for i, d := range days {
		if want := journal.Day("2026-06-01").AddDays(i); d != want {
			t.Errorf("traveller night %d: %s, want %s", i, d, want)
		}
	}
	r := Compute(Input{Activity: activity, Today: "2026-06-08"})
	if r.Current != 8 || r.CurrentStart != "2026-06-01" {
		t.Errorf("traveller: got %+v, want an 8-day streak from 2026-06-01", r)
	}
}

func TestDayInNilLocation(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	if got, want := DayIn(at, nil), journal.DayOf(at.In(time.Local)); got != want {
		t.Errorf("DayIn(nil) = %s, want local %s", got, want)
	}
}
