package detailview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// At 80 columns (a body of 78) every line of the detail screen fits, and
// what was cut at the edge is there in full, wrapped: the reframe reminder
// ("…and your lesson."), a long name and each debrief question.
func TestDetailFitsEightyColumns(t *testing.T) {
	t.Parallel()
	ctx := tuitest.BareContext()
	long := "Vandelay Industries International Import Export Holdings (the Latex Division, EMEA)"
	n := journal.No{ID: 7, Date: "2026-11-20", Mode: "sales", Who: long, Outcome: journal.OutcomeOpen,
		Said: "We're worried about hidden fees.", Assumed: "price",
		Debrief: []journal.Answer{
			{Prompt: "Can you share what influenced your decision not to move forward?", Answer: "The setup fee."},
			{Prompt: "Is there anything that could change your mind?", Answer: "A pilot."},
		}}
	v := ansi.Strip(Render(ctx, n, 78))
	for _, l := range strings.Split(v, "\n") {
		if w := ansi.StringWidth(l); w > 78 {
			t.Errorf("a line of %d columns: %q", w, l)
		}
	}
	flat := strings.Join(strings.Fields(v), " ")
	for _, want := range []string{
		"Waiting to be reframed: a reason, their answer to the turnaround question, and your lesson.",
		long, "2026-11-20 · Sales · open",
		"Can you share what influenced your decision not to move forward? → The setup fee.",
		"Is there anything that could change your mind? → A pilot.",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the detail lacks %q:\n%s", want, v)
		}
	}
}
