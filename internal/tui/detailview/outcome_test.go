package detailview

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func statusOf(out []tea.Msg) string {
	for _, m := range out {
		if s, ok := m.(common.Status); ok {
			return s.Text
		}
	}
	return ""
}

// o on the detail screen sets the outcome with the follow-ups list's
// choices and keys: ←/→ or a number, enter sets it (kept in the history,
// the follow-up marked done when settled, a new yes celebrated), esc
// cancels; the footer says o and fits 80 columns.
func TestDetailSetsTheOutcome(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	n := tuitest.Add(t, db, journal.No{Who: "Acme", Date: today.AddDays(-12), FollowUp: today.AddDays(2)})
	var s common.Screen = New(ctx, db, n.ID)
	s.SetSize(78, 20)
	s, _ = tuitest.Run(s, s.Init())

	foot := ansi.Strip(help.New().ShortHelpView(s.Keys().ShortHelp()))
	if !strings.Contains(foot, "o outcome") || ansi.StringWidth(foot) > 78 {
		t.Errorf("footer %q (%d columns)", foot, ansi.StringWidth(foot))
	}
	s, _ = tuitest.Send(s, tuitest.Key("o"))
	v := tuitest.View(s)
	if !s.Capturing() || !strings.Contains(v, "Where does Acme stand now?") || !strings.Contains(v, "[1 open]") {
		t.Fatalf("o did not open the picker on the outcome:\n%s", v)
	}
	if lines := strings.Count(v, "\n") + 1; lines > 20 {
		t.Errorf("with the picker the screen is %d lines, more than its 20", lines)
	}
	s, _ = tuitest.Send(s, tuitest.Key("esc"))
	if s.Capturing() || strings.Contains(tuitest.View(s), "stand now") {
		t.Fatal("esc did not cancel the picker")
	}
	if got, _ := db.GetNo(n.ID); got.Outcome != journal.OutcomeOpen {
		t.Fatalf("cancelled, yet the outcome is %s", got.Outcome)
	}

	// → → → lands on yes; enter sets it.
	s, _ = tuitest.Send(s, tuitest.Key("o"))
	for range 3 {
		s, _ = tuitest.Send(s, tea.KeyPressMsg{Code: tea.KeyRight})
	}
	if v := tuitest.View(s); !strings.Contains(v, "[4 yes]") {
		t.Fatalf("→ did not move to yes:\n%s", v)
	}
	s, out := tuitest.Send(s, tuitest.Key("enter"))
	got, _ := db.GetNo(n.ID)
	if got.Outcome != journal.OutcomeYes || !got.FollowUpDone || len(got.OutcomeHistory) != 2 {
		t.Fatalf("after enter on yes: %+v", got)
	}
	if st := statusOf(out); !strings.Contains(st, "turned around after 12 days") {
		t.Errorf("status %q", st)
	}
	if v := tuitest.View(s); !strings.Contains(v, "Sales · yes") {
		t.Errorf("the screen still shows the old outcome:\n%s", v)
	}

	// A number picks and sets at once; the same outcome again says so.
	s, out = tuitest.Send(s, tuitest.Key("o"))
	s, out = tuitest.Send(s, tuitest.Key("3"))
	if got, _ := db.GetNo(n.ID); got.Outcome != journal.OutcomeMaybe || statusOf(out) != "Acme is now maybe." {
		t.Fatalf("3: %s, status %q", got.Outcome, statusOf(out))
	}
	s, _ = tuitest.Send(s, tuitest.Key("o"))
	_, out = tuitest.Send(s, tuitest.Key("3"))
	if st := statusOf(out); st != "Acme is already maybe." {
		t.Errorf("the same outcome: %q", st)
	}
}
