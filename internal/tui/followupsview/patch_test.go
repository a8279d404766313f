package followupsview

import (
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Marking a follow-up done after another terminal changed the No keeps that
// change: the screen's actions are patches applied in one transaction.
func TestActionKeepsAChangeMadeElsewhere(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", FollowUp: today})
	s := open(t, ctx, db, 100, 30)
	if _, err := db.PatchNo(n.ID, ctx.Now().Add(time.Minute), func(p *journal.No) error { p.Lesson = "X from the CLI"; return nil }); err != nil {
		t.Fatal(err)
	}
	send(t, s, "x")
	got := get(t, ctx, db, n.ID)
	if !got.FollowUpDone || got.Lesson != "X from the CLI" {
		t.Fatalf("done %v, lesson %q; want both", got.FollowUpDone, got.Lesson)
	}
}
