package store

import (
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestWeekEventsFollowTheNos: week_events holds every follow-up by its
// date (done or not) and every turn to maybe or yes by its day, through
// add, edit and delete; the review reads the week from it; doctor names it
// when it is missing.
func TestWeekEventsFollowTheNos(t *testing.T) {
	s := newStore(t)
	a := journal.No{Date: "2026-11-02", Mode: "sales", Who: "Acme", FollowUp: "2026-11-17"}
	b := journal.No{Date: "2026-10-01", Mode: "sales", Who: "Globex", FollowUp: "2026-11-18"}
	c := journal.No{Date: "2026-10-01", Mode: "job", Who: "Initech", FollowUp: "2026-12-18"}
	for _, n := range []*journal.No{&a, &b, &c} {
		must(t, s.AddNo(n, t0))
	}
	// Globex's follow-up done, Acme's still open; Acme said maybe that week.
	_, err := s.PatchNo(b.ID, t0, func(n *journal.No) error { n.FollowUpDone = true; return nil })
	must(t, err)
	wed := time.Date(2026, 11, 18, 15, 0, 0, 0, time.Local)
	_, err = s.PatchNo(a.ID, wed, func(n *journal.No) error { n.Outcome = journal.OutcomeMaybe; return nil })
	must(t, err)
	f, err := s.WeekFacts("sales", "2026-11-16", "2026-11-22", "2026-11-30")
	must(t, err)
	if f.FollowUpsDone != 1 || f.FollowUpsOpen != 1 || len(f.Turnarounds) != 1 || f.Turnarounds[0].ID != a.ID {
		t.Errorf("the week: %+v", f)
	}
	// A week without them reads nothing of them.
	f, err = s.WeekFacts("sales", "2026-11-23", "2026-11-29", "2026-11-30")
	must(t, err)
	if f.FollowUpsDone+f.FollowUpsOpen+f.FollowUpsAhead != 0 || len(f.Turnarounds) != 0 {
		t.Errorf("the next week: %+v", f)
	}
	must(t, s.DeleteNo(c.ID))
	mustCheck(t, s)

	db, err := bolt.Open(s.Path(), 0o600, nil)
	must(t, err)
	must(t, db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketEvents) }))
	must(t, db.Close())
	ps, err := s.Check()
	must(t, err)
	if len(ps) == 0 || !strings.Contains(ps[0].Detail, "week_events is missing") {
		t.Errorf("doctor on a journal without week_events: %+v", ps)
	}
	must(t, s.Repair())
	mustCheck(t, s)
}
