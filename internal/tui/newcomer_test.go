package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// newcomerApp is the root at w×h on a fresh journal, home loaded.
func newcomerApp(t *testing.T, w, h int) *Model {
	t.Helper()
	ctx, db := tuitest.Context(t)
	m := New(ctx, db, common.Navigate{To: common.ScreenHome})
	drive(m, m.Init())
	drive(m, func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
	return m
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		drive(m, func() tea.Msg { return tuitest.Key(k) })
	}
}

// drive runs cmd's messages through the root until nothing is left,
// skipping timers by what they are (tuitest.Drive).
func drive(m *Model, cmd tea.Cmd) { tuitest.Drive(m, cmd) }

// Behind "Terminal too small" the screen is hidden: keys must not act on
// it unseen, and q quits as the notice says.
func TestTooSmallKeysDoNotReachTheHiddenScreen(t *testing.T) {
	t.Parallel()
	m := newcomerApp(t, 30, 8)
	press(m, "n", "j")
	if len(m.stack) != 1 {
		t.Fatalf("a key behind the notice opened %q", m.top().Title())
	}
	// The log form, half typed, then the terminal shrinks.
	drive(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	press(m, "n")
	press(m, "A", "c", "m", "e")
	drive(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 30, Height: 8} })
	_, cmd := m.Update(tuitest.Key("x"))
	if cmd != nil {
		t.Errorf("x behind the notice did something: %T", cmd())
	}
	_, cmd = m.Update(tuitest.Key("q"))
	if cmd == nil {
		t.Fatal("q behind the notice did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q behind the notice did not quit")
	}
	_, cmd = m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if cmd == nil {
		t.Fatal("ctrl+c behind the notice did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("ctrl+c behind the notice did not quit")
	}
	// Back at full size the form holds only what was typed while visible.
	drive(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, "Acme") || strings.Contains(v, "Acmex") || strings.Contains(v, "Acmeq") {
		t.Fatalf("the hidden form took keys:\n%s", v)
	}
}

// ? in a form: in a text field it is a question mark; on a select it
// shows the form's keys, and any key closes them.
func TestHelpKeyInsideForms(t *testing.T) {
	t.Parallel()
	m := newcomerApp(t, 80, 24)
	press(m, "n", "A", "?")
	if m.showHelp {
		t.Fatal("? in the Who field opened the help instead of typing")
	}
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "A?") {
		t.Fatalf("? was not typed into Who:\n%s", v)
	}
	press(m, "enter", "enter", "W", "tab") // contact skipped, said, on to the reason list
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "┃ Why, as far as you know?") {
		t.Fatalf("not on the reason list:\n%s", v)
	}
	press(m, "?")
	v := ansi.Strip(m.View().Content)
	if !m.showHelp || !strings.Contains(v, "Keys — Log a No") || !strings.Contains(v, "esc") {
		t.Fatalf("? on the reason list did not show the form's keys:\n%s", v)
	}
	press(m, "down")
	if m.showHelp || !strings.Contains(ansi.Strip(m.View().Content), "┃ Why, as far as you know?") {
		t.Fatal("a key did not close the help back to the form")
	}
}
