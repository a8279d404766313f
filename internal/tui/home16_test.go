package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// The home footer fits the terminal: at 80 columns it keeps "? help" and
// "q quit" in view (dropping hints ? lists), at 120 it shows every hint.
func TestHomeFooterKeepsHelpAndQuit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		w    int
		want []string
	}{
		{80, []string{"n log a No", "j journal", "f follow-ups", "? help", "q quit"}},
		{120, []string{"n log a No", "r reflect", "j journal", "s streak", "i insights", "f follow-ups", "? help", "q quit"}},
	} {
		m := newcomerApp(t, c.w, 24)
		lines := strings.Split(ansi.Strip(m.render()), "\n")
		footer := strings.TrimSpace(lines[len(lines)-1])
		if strings.HasSuffix(footer, "…") {
			t.Errorf("at %d the footer is cut: %q", c.w, footer)
		}
		for _, want := range c.want {
			if !strings.Contains(footer, want) {
				t.Errorf("at %d the footer lacks %q: %q", c.w, want, footer)
			}
		}
		if c.w == 80 {
			// What the footer leaves out, ? still lists.
			press(m, "?")
			if v := ansi.Strip(m.render()); !strings.Contains(v, "insights") || !strings.Contains(v, "streak") {
				t.Errorf("? lacks the hints the footer dropped:\n%s", v)
			}
		}
	}
}

// A status line answers the last thing done: the next key clears it, so
// "Today is already active…" does not follow the user home from the streak.
func TestStatusLineClearsOnTheNextKey(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	// Today is active: reflected on.
	if _, err := db.SaveReflection(journal.Reflection{Date: journal.Today(tuitest.Now), Mood: 3, Win: "Two calls", CompletedAt: tuitest.Now}); err != nil {
		t.Fatal(err)
	}
	m := New(ctx, db, common.Navigate{To: common.ScreenHome})
	settle(t, m, m.Init())
	settle(t, m, func() tea.Msg { return teaSize(80, 24) })
	press := func(keys ...string) {
		for _, k := range keys {
			settle(t, m, func() tea.Msg { return tuitest.Key(k) })
		}
	}
	press("s", "t")
	if v := ansi.Strip(m.render()); !strings.Contains(v, "Today is already active") {
		t.Fatalf("t on an active day said nothing:\n%s", v)
	}
	press("esc")
	if v := ansi.Strip(m.render()); m.top().Title() != "Home" || strings.Contains(v, "already active") {
		t.Fatalf("the streak's status followed to home:\n%s", v)
	}
	// A status the key itself brings stays until the key after.
	press("s", "t", "down")
	if v := ansi.Strip(m.render()); strings.Contains(v, "already active") {
		t.Fatalf("the status outlived the next key:\n%s", v)
	}
}
