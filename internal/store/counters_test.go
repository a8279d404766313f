package store

import (
	"math/rand/v2"
	"reflect"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Home counts the follow-ups from counters (follow_up_days and the meta
// counter), not by walking by_follow_up: with its keys gone the counts
// stay. They follow adds, edits and deletes.
func TestHomeReadsFollowUpCountersNotKeys(t *testing.T) {
	t.Parallel()
	s := newStoreNoCheck(t)
	today := journal.Day("2026-11-20")
	var ids []uint64
	for i, fu := range []journal.Day{"2026-10-01", "2026-11-19", "2026-11-19", "2026-11-20", "2026-11-21", "2026-12-24", "2026-11-01"} {
		n := addNo(t, s, journal.No{Who: "Acme", Date: "2026-09-01", Mode: "sales", FollowUp: fu, FollowUpDone: i == 6})
		ids = append(ids, n.ID)
	}
	want := func(overdue, due int) {
		t.Helper()
		h, err := s.Home(today)
		must(t, err)
		if h.FollowUpsOverdue != overdue || h.FollowUpsDue != due {
			t.Errorf("home: %d overdue, %d due; want %d, %d", h.FollowUpsOverdue, h.FollowUpsDue, overdue, due)
		}
	}
	want(3, 1)
	_, err := s.PatchNo(ids[4], t0, func(n *journal.No) error { n.FollowUp = "2026-11-02"; return nil }) // now overdue
	must(t, err)
	_, err = s.PatchNo(ids[0], t0, func(n *journal.No) error { n.FollowUpDone = true; return nil })
	must(t, err)
	must(t, s.DeleteNo(ids[3])) // the one due today
	want(3, 0)
	mustCheck(t, s)
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		must(t, tx.DeleteBucket(bucketByFollowUp))
		_, err := tx.CreateBucket(bucketByFollowUp)
		return err
	})
	want(3, 0)
}

// ModeCounts follows the No's of each mode through adds, a change of mode
// and of outcome, and deletes; "" is every mode.
func TestModeCounts(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	a := addNo(t, s, journal.No{Who: "Acme", Date: "2026-11-01", Mode: "sales"})
	addNo(t, s, journal.No{Who: "Acme", Date: "2026-11-01", Mode: "sales", Outcome: journal.OutcomeYes})
	c := addNo(t, s, journal.No{Who: "Globex", Date: "2026-11-02", Mode: "job", Outcome: journal.OutcomeYes})
	_, err := s.PatchNo(a.ID, t0, func(n *journal.No) error { n.Mode, n.Outcome = "job", journal.OutcomeYes; return nil })
	must(t, err)
	must(t, s.DeleteNo(c.ID))
	for mode, want := range map[string][2]int{"sales": {1, 1}, "job": {1, 1}, "": {2, 2}, "school": {0, 0}} {
		nos, yes, err := s.ModeCounts(mode)
		must(t, err)
		if nos != want[0] || yes != want[1] {
			t.Errorf("ModeCounts(%q) = %d, %d; want %d, %d", mode, nos, yes, want[0], want[1])
		}
	}
}

// TrendTallies read the counts of each day, the same as the full tallies'.
func TestTrendTalliesAreTheCountsOfTheTallies(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	for i := range 20 {
		n := journal.No{Who: "Acme", Date: journal.Day("2026-11-01").AddDays(i % 6), Mode: []string{"sales", "job"}[i%2],
			Reason: "price", Feeling: 1 + i%5, Competitor: "Initech", CompetitorWhy: "cheaper"}
		if i%3 == 0 {
			n.Change, n.Lesson, n.FeelingAfter = "a demo", "ask early", 2
		}
		addNo(t, s, n)
	}
	for _, mode := range []string{"", "sales", "job"} {
		full, err := s.Tallies(mode, "2026-11-02", "2026-11-05")
		must(t, err)
		trend, err := s.TrendTallies(mode, "2026-11-02", "2026-11-05")
		must(t, err)
		if len(trend) != len(full) || len(full) == 0 {
			t.Fatalf("mode %q: %d trend days, %d days", mode, len(trend), len(full))
		}
		for d, f := range full {
			got := trend[d]
			if got.Nos != f.Nos || got.Reframed != f.Reframed || got.FeelingSum != f.FeelingSum || got.FeelingN != f.FeelingN ||
				got.FeelingAfterSum != f.FeelingAfterSum || got.FeelingAfterN != f.FeelingAfterN || got.Reasons != nil {
				t.Errorf("mode %q %s: trend %+v, tally %+v", mode, d, got, f)
			}
		}
	}
}

// FollowUpRowsPage pages through exactly FollowUpRows' rows, and
// FollowUpCounts counts, from the counters alone, what the list would
// place in each section (settled No's left out).
func TestFollowUpPagesAndCounts(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	today := journal.Day("2026-11-20")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		n := journal.No{Who: "Acme", Date: "2026-06-01", Mode: "sales", FollowUp: today.AddDays(rng.IntN(200) - 150),
			FollowUpDone: rng.IntN(5) == 0, Outcome: journal.Outcomes[rng.IntN(len(journal.Outcomes))]}
		addNo(t, s, n)
	}
	for _, to := range []journal.Day{"", today, today.AddDays(14)} {
		all, err := s.FollowUpRows(to)
		must(t, err)
		var paged []FollowUpRow
		var after *Cursor
		for i := 0; ; i++ {
			page, next, err := s.FollowUpRowsPage(to, after, 7)
			must(t, err)
			paged = append(paged, page...)
			if next == nil {
				break
			}
			if i > 100 {
				t.Fatal("runaway paging")
			}
			after = next
		}
		if len(paged) != len(all) || len(all) == 0 {
			t.Fatalf("to %q: %d rows paged, %d in all", to, len(paged), len(all))
		}
		for i := range all {
			if paged[i].ID != all[i].ID || paged[i].Due != all[i].Due {
				t.Fatalf("to %q: row %d is %d, want %d", to, i, paged[i].ID, all[i].ID)
			}
		}
	}
	all, err := s.FollowUpRows("")
	must(t, err)
	var want journal.FollowUpCounts
	for _, r := range all {
		switch sec, late, _, _ := followup.Place(r.Due, r.Date, r.Outcome, today, 14); sec {
		case followup.Overdue:
			want.Overdue++
			if late > 60 {
				want.LongLate++
			}
		case followup.Today:
			want.Today++
		case followup.Upcoming:
			want.Upcoming++
		}
	}
	got, err := s.FollowUpCounts(today, 14, 60)
	must(t, err)
	if got != want || want.Overdue == 0 || want.Upcoming == 0 || want.LongLate == 0 {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	h, err := s.Home(today)
	must(t, err)
	if h.FollowUpsOverdue != want.Overdue || h.FollowUpsDue != want.Today {
		t.Errorf("home counts %d overdue, %d due; the list %+v", h.FollowUpsOverdue, h.FollowUpsDue, want)
	}
}

// MonthTotal is the sum of the month tallies it reads, added as decoded.
func TestMonthTotalIsTheSumOfTheMonths(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	j, err := demo.Generate(coach.Default(), demo.Options{Nos: 1500, Days: 400, Seed: 4, Today: "2026-11-20"})
	must(t, err)
	must(t, s.SeedNos(j.Nos))
	for _, r := range [][3]string{{"", "", ""}, {"sales", "", ""}, {"sales", "2026-01", "2026-06"}, {"job", "2025-12", ""}} {
		months, err := s.MonthTallies(r[0], r[1], r[2])
		must(t, err)
		var want tally.Day
		for _, m := range months {
			want.Merge(&m)
		}
		got, err := s.MonthTotal(r[0], r[1], r[2])
		must(t, err)
		if !reflect.DeepEqual(got, want) || want.Nos == 0 {
			t.Errorf("%v: MonthTotal %d No's differs from the months' sum %d", r, got.Nos, want.Nos)
		}
	}
}
