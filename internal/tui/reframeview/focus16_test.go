package reframeview

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Keys typed while a step saves are replayed on the next step in order,
// and a key after one that moves the focus waits for the move: huh moves
// it with a command whose message comes after the keys already replayed.
// Enter then x, typed during the save, put x in the real reason (the
// second field), not in the first.
func TestKeysTypedDuringASaveFollowTheFocus(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said, ReframeStep: 1})
	s := open(t, ctx, db, n.ID, 80, 24)
	s, save := s.Update(ctrl('n')) // step 1 saves; step 2 is next
	for _, k := range []tea.KeyPressMsg{tuitest.Key("enter"), tuitest.Key("x")} {
		s, _ = s.Update(k)
	}
	s, _ = tuitest.Run(s, save)
	if v := tuitest.View(s); step(s) != 2 || s.(*Model).vals.ReasonText != "x" {
		t.Fatalf("step %d, real reason %q: the x typed after enter went elsewhere:\n%s", step(s), s.(*Model).vals.ReasonText, v)
	}
	if v := tuitest.View(s); !strings.Contains(v, "> x") {
		t.Fatalf("the real reason does not show x:\n%s", v)
	}
}
