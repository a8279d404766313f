package logview

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// The edit form refuses moving a No to a day after today: the date field
// says why, a save is refused with every word kept, and nothing is written.
// A date it already had is left alone.
func TestEditRefusesAFutureDate(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: "Too pricey.", Date: "2026-11-20"})
	m := Edit(ctx, db, n)
	m.SetSize(100, 28)
	m.vals.Date = "tomorrow"
	m.vals.Said = "Too pricey for now."
	var s common.Screen = m
	s, _ = tuitest.Run(s, m.save())
	v := tuitest.View(s)
	if !strings.Contains(v, "after today (2026-11-23)") {
		t.Fatalf("no word of the future date:\n%s", v)
	}
	if got, _ := db.GetNo(n.ID); got.Date != "2026-11-20" || got.Said != "Too pricey." {
		t.Fatalf("written: %+v", got)
	}
	if m.vals.Said != "Too pricey for now." {
		t.Fatalf("the typing was lost: %q", m.vals.Said)
	}
	m.vals.Date = "yesterday"
	s, _ = tuitest.Run(s, m.save())
	if got, _ := db.GetNo(n.ID); got.Date != "2026-11-22" || got.Said != "Too pricey for now." {
		t.Fatalf("yesterday was not saved: %+v\n%s", got, tuitest.View(s))
	}
}

// A No stored with a future date before the rule can still be edited.
func TestEditKeepsAnOldFutureDate(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: "2026-12-01"})
	m := Edit(ctx, db, n)
	m.SetSize(100, 28)
	m.vals.Said = "They called back."
	tuitest.Run(m, m.save())
	if got, _ := db.GetNo(n.ID); got.Said != "They called back." || got.Date != "2026-12-01" {
		t.Fatalf("edit of a No with an old future date: %+v", got)
	}
}
