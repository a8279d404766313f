package reframeview

import (
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// A step saved after another terminal changed a field the flow did not
// touch keeps that change; a field changed both here and there is shown
// with both values and nothing is written until the user picks.
func TestReframeStepMergesAndAsksOnConflict(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said})
	s := open(t, ctx, db, n.ID, 100, 30)
	patch := func(f func(*journal.No)) {
		t.Helper()
		if _, err := db.PatchNo(n.ID, ctx.Now().Add(time.Minute), func(p *journal.No) error { f(p); return nil }); err != nil {
			t.Fatal(err)
		}
	}

	// Another terminal sets the lesson; step 1 changes what they said.
	patch(func(p *journal.No) { p.Lesson = "X from the CLI" })
	s.(*Model).vals.Said = "Hidden fees scare them."
	s, _ = tuitest.Send(s, ctrl('n'))
	got := get(t, ctx, db, n.ID)
	if got.Lesson != "X from the CLI" || got.Said != "Hidden fees scare them." || step(s) != 2 {
		t.Fatalf("after step 1: lesson %q said %q step %d", got.Lesson, got.Said, step(s))
	}

	// Both change what they said: the chooser shows both, writes nothing.
	patch(func(p *journal.No) { p.Said = "Fees, fees, fees." })
	s.(*Model).vals.Said = "Mine again."
	s, _ = tuitest.Send(s, ctrl('n'))
	v := tuitest.View(s)
	if !strings.Contains(v, "changed elsewhere") || !strings.Contains(v, "Mine again.") || !strings.Contains(v, "Fees, fees, fees.") {
		t.Fatalf("no conflict shown:\n%s", v)
	}
	if got := get(t, ctx, db, n.ID); got.Said != "Fees, fees, fees." {
		t.Fatalf("written before the user chose: %q", got.Said)
	}
	s, _ = tuitest.Send(s, tuitest.Key("m")) // keep mine
	got = get(t, ctx, db, n.ID)
	if got.Said != "Mine again." || got.Lesson != "X from the CLI" || step(s) != 3 || got.ReframeStep != 3 {
		t.Fatalf("after keeping mine: said %q lesson %q step %d draft %d\n%s", got.Said, got.Lesson, step(s), got.ReframeStep, tuitest.View(s))
	}
}
