package followupsview

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// A long list opens on its first page, counted in full from the store's
// counters, and reads the next page as the selection nears the end of what
// it has read; L asks about every long-late follow-up, read or not.
func TestLongListReadsAPageAtATime(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	var nos []journal.No
	for i := range 450 {
		nos = append(nos, journal.No{Who: "Acme Corp", Date: today.AddDays(-200), Mode: "sales", Outcome: journal.OutcomeOpen,
			FollowUp: today.AddDays(-1 - i%100), Change: "a pilot", CreatedAt: tuitest.Now, UpdatedAt: tuitest.Now})
	}
	if err := db.SeedNos(nos); err != nil {
		t.Fatal(err)
	}
	s := open(t, ctx, db, 100, 30)
	m := s.(*Model)
	if m.groups.Len() != PageSize || m.page == nil {
		t.Fatalf("opened with %d follow-ups read, next page %v", m.groups.Len(), m.page)
	}
	if v := tuitest.View(s); !strings.Contains(v, "450 overdue") || !strings.Contains(v, "160 follow-ups have waited more than 60 days") {
		t.Fatalf("the counts are not the store's:\n%s", v)
	}
	s, _ = send(t, s, "G") // to the bottom: near the end of the page
	if n := s.(*Model).groups.Len(); n != 2*PageSize {
		t.Fatalf("after G, %d follow-ups read", n)
	}
	s, _ = send(t, s, "L")
	if v := tuitest.View(s); !strings.Contains(v, "Close 160 follow-ups more than 60 days late?") {
		t.Fatalf("L asked about the follow-ups read only:\n%s", v)
	}
	s, _ = send(t, s, "n", "G")
	m = s.(*Model)
	if m.groups.Len() != 450 || m.page != nil {
		t.Errorf("at the end: %d read, next page %v", m.groups.Len(), m.page)
	}
}
