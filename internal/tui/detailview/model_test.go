package detailview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// A No is shown in its own mode's words: what a school No's stronger work
// looked like is never labelled "Competitor"; the contact is shown.
func TestRenderSpeaksTheNosMode(t *testing.T) {
	t.Parallel()
	ctx := tuitest.BareContext()
	for _, tc := range []struct{ mode, label string }{
		{"sales", "Competitor"}, {"job", "Stronger profile"}, {"school", "Stronger work"}, {"personal", "Other plan"},
	} {
		n := journal.No{ID: 1, Date: "2026-11-20", Mode: tc.mode, Who: "Someone", Contact: "Dana",
			Competitor: "A clear thesis", CompetitorWhy: "easy to follow", Outcome: journal.OutcomeOpen}
		v := ansi.Strip(Render(ctx, n, 100))
		if !strings.Contains(v, tc.label+" ") || !strings.Contains(v, "A clear thesis  easy to follow") || !strings.Contains(v, "Dana") {
			t.Errorf("%s: lacks %q, the alternative or the contact:\n%s", tc.mode, tc.label, v)
		}
		if tc.mode != "sales" && strings.Contains(v, "Competitor") {
			t.Errorf("%s: says Competitor:\n%s", tc.mode, v)
		}
	}
}

// The sting is never a bare number: its words and the scale's ends are
// said (5 is the worst sting; the daily mood runs the other way).
func TestRenderSaysTheStingScale(t *testing.T) {
	t.Parallel()
	ctx := tuitest.BareContext()
	n := journal.No{ID: 1, Date: "2026-11-20", Mode: "sales", Who: "Acme", Feeling: 4, FeelingAfter: 2, Outcome: journal.OutcomeOpen}
	v := ansi.Strip(Render(ctx, n, 200))
	if !strings.Contains(v, "4/5, it hurt a lot → 2/5, a little after reframing (1 barely … 5 it really stung)") {
		t.Errorf("sting:\n%s", v)
	}
	n.Feeling = 0
	if v := ansi.Strip(Render(ctx, n, 200)); !strings.Contains(v, "2/5, a little after reframing (1 barely") || strings.Contains(v, "→") {
		t.Errorf("sting after only:\n%s", v)
	}
}
