package debriefview

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// The kit's footer fits the width: at 80 columns (78 for the body) the
// copy-a-part hints give way, never "esc back" at the end; at 120 all show.
func TestFooterKeepsBackAt80(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp"})
	for _, c := range []struct {
		w    int
		want []string
	}{
		{78, []string{"c copy e-mail", "a record answers", "esc back"}},
		{118, []string{"c copy e-mail", "a record answers", "s copy subject", "p copy questions", "esc back"}},
	} {
		s := open(t, ctx, db, n.ID, c.w, 20)
		foot := ansi.Strip(help.New().ShortHelpView(s.Keys().ShortHelp()))
		if ansi.StringWidth(foot) > c.w {
			t.Errorf("at %d the footer is %d wide: %q", c.w, ansi.StringWidth(foot), foot)
		}
		for _, want := range c.want {
			if !strings.Contains(foot, want) {
				t.Errorf("at %d the footer lacks %q: %q", c.w, want, foot)
			}
		}
	}
}
