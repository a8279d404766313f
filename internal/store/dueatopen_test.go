package store

import (
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Open's own read counts the follow-ups when asked, as FollowUpCounts
// does; a journal Open creates has no such read and says so.
func TestCountFollowUpsAtOpen(t *testing.T) {
	s := newStore(t)
	today := journal.Day("2026-11-20")
	for i, due := range []journal.Day{"2026-08-01", "2026-11-10", "2026-11-20", "2026-11-20", "2026-11-25", "2027-02-01"} {
		addNo(t, s, journal.No{Date: "2026-07-01", Who: string(rune('A' + i)), Mode: "sales", FollowUp: due})
	}
	want, err := s.FollowUpCounts(today, 14, 60)
	must(t, err)
	if want != (journal.FollowUpCounts{Overdue: 2, Today: 2, Upcoming: 1, LongLate: 1}) {
		t.Fatalf("FollowUpCounts %+v", want)
	}
	again, err := Open(s.Path(), CountFollowUpsAtOpen(today, 14, 60))
	must(t, err)
	if got, ok := again.FollowUpCountsAtOpen(); !ok || got != want {
		t.Errorf("at open %+v %v, want %+v", got, ok, want)
	}
	if _, ok := s.FollowUpCountsAtOpen(); ok {
		t.Error("counts at open without the option")
	}
	fresh, err := Open(t.TempDir()+"/new.db", CountFollowUpsAtOpen(today, 14, 60))
	must(t, err)
	if _, ok := fresh.FollowUpCountsAtOpen(); ok {
		t.Error("a journal Open created says it counted")
	}
}
