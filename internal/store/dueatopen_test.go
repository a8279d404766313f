package store

import (
	"os"
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

// QuickFollowUpCounts reads the counts with one read-only open of a
// current journal, and declines anything else for Open to deal with.
func TestQuickFollowUpCounts(t *testing.T) {
	s := newStore(t)
	today := journal.Day("2026-11-20")
	addNo(t, s, journal.No{Date: "2026-07-01", Who: "A", Mode: "sales", FollowUp: "2026-11-10"})
	addNo(t, s, journal.No{Date: "2026-07-01", Who: "B", Mode: "sales", FollowUp: "2026-11-20"})
	want, err := s.FollowUpCounts(today, 14, 60)
	must(t, err)
	if got, ok := QuickFollowUpCounts(s.Path(), today, 14, 60); !ok || got != want {
		t.Errorf("quick %+v %v, want %+v", got, ok, want)
	}
	dir := t.TempDir()
	if _, ok := QuickFollowUpCounts(dir+"/missing.db", today, 14, 60); ok {
		t.Error("a missing file counted")
	}
	if _, err := os.Stat(dir + "/missing.db"); err == nil {
		t.Error("the quick count created the file")
	}
	must(t, os.WriteFile(dir+"/text.db", []byte("not a journal at all, just text"), 0o600))
	if _, ok := QuickFollowUpCounts(dir+"/text.db", today, 14, 60); ok {
		t.Error("a text file counted")
	}
}
