package detailview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// The detail screen says a No waits to be reframed as home's list does: a
// draft (a reframe left at a step) is a draft at that step, even once its
// answers are all in; a No never started asks for the three answers; a
// reframed one says nothing.
func TestDetailMarksADraftAtItsStep(t *testing.T) {
	t.Parallel()
	ctx := tuitest.BareContext()
	const ask = "Waiting to be reframed: a reason, their answer to the turnaround question, and your lesson."
	base := journal.No{ID: 3, Date: "2026-11-20", Mode: "sales", Who: "Acme Corp", Outcome: journal.OutcomeOpen}
	full := base
	full.Reason, full.Change, full.Lesson = "price", "A smaller first order", "Lead with the pilot."
	for _, tc := range []struct {
		name      string
		step      int
		no        journal.No
		want, not string
	}{
		{"not started", 0, base, ask, "draft"},
		{"draft", 2, base, "Waiting to be reframed: a draft, at step 2 — r picks up where you left off.", ask},
		{"draft with every answer", 5, full, "Waiting to be reframed: a draft, at step 5", ask},
		{"reframed", 0, full, "", "Waiting to be reframed"},
	} {
		n := tc.no
		n.ReframeStep = tc.step
		v := ansi.Strip(Render(ctx, n, 78))
		flat := strings.Join(strings.Fields(v), " ")
		if tc.want != "" && !strings.Contains(flat, tc.want) {
			t.Errorf("%s: no %q in\n%s", tc.name, tc.want, v)
		}
		if strings.Contains(flat, tc.not) {
			t.Errorf("%s: says %q:\n%s", tc.name, tc.not, v)
		}
	}
}
