package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// huh moves a form's focus with a command: the field answers enter with
// NextField, Bubble Tea runs it in a goroutine, and its message arrives
// after any key already queued. These tests deliver the keys in that
// order: each key's Update first, its command kept, then the commands.

// formApp is the root at 80×24 on a fresh journal, opened on start.
func formApp(t *testing.T, start common.Navigate, seed ...journal.No) (*Model, *store.Store) {
	t.Helper()
	ctx, db := tuitest.Context(t)
	for _, n := range seed {
		tuitest.Add(t, db, n)
	}
	m := New(ctx, db, start)
	drive(m, m.Init())
	drive(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	return m, db
}

// typeText types s into the root, each key's commands run before the next.
func typeText(m *Model, s string) {
	for _, r := range s {
		drive(m, func() tea.Msg { return tea.KeyPressMsg{Code: r, Text: string(r)} })
	}
}

// race delivers keys as a busy machine does: every key's Update before any
// of their commands has run, then the commands in order.
func race(m *Model, keys ...tea.KeyPressMsg) {
	cmds := make([]tea.Cmd, 0, len(keys))
	for _, k := range keys {
		_, cmd := m.Update(k)
		cmds = append(cmds, cmd)
	}
	for _, c := range cmds {
		drive(m, c)
	}
}

var shiftTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}

func frameText(m *Model) string { return ansi.Strip(m.View().Content) }

// The tester's report: in the reframe, the real reason typed, enter and
// down pressed at once, the reason list stayed on its first choice and the
// step was saved without a reason. Down must reach the list.
func TestDownRightAfterEnterReachesTheNextField(t *testing.T) {
	t.Parallel()
	m, db := formApp(t, common.Navigate{To: common.ScreenReframe, ID: 1},
		journal.No{Who: "Acme Corp", Said: "Too expensive for now", ReframeStep: 2})
	if v := frameText(m); !strings.Contains(v, "┃ What reason did you assume at first?") {
		t.Fatalf("not on step 2's first field:\n%s", v)
	}
	press(m, "enter") // on to the real reason
	typeText(m, "Budget frozen until Q3")
	race(m, tuitest.Key("enter"), tuitest.Key("down"))
	press(m, "enter") // the reason chosen: the step is saved
	n, err := db.GetNo(1)
	if err != nil {
		t.Fatal(err)
	}
	want := m.ctx.Mode().ReasonIDs()[0] // one down from "(not sure yet)"
	if n.ReasonText != "Budget frozen until Q3" || n.Reason != want || n.ReframeStep != 3 {
		t.Fatalf("saved reason %q (%q), step %d; want %q (the down typed after enter was lost)",
			n.Reason, n.ReasonText, n.ReframeStep, want)
	}
}

// The log form, with each key that moves the focus: enter and tab to the
// next field, shift+tab back to the one before. The down typed at once
// after it moves the reason list, never the field being left.
func TestKeysAfterAFocusMoveReachTheFieldTheyWereTypedFor(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		to   func(m *Model) // from the said field to the reason list, racing the down
	}{
		{"enter", func(m *Model) { race(m, tuitest.Key("enter"), tuitest.Key("down")) }},
		{"tab", func(m *Model) { race(m, tuitest.Key("tab"), tuitest.Key("down")) }},
		{"shift+tab", func(m *Model) {
			press(m, "tab", "tab") // past the list, to where it came from
			race(m, shiftTab, tuitest.Key("down"))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m, db := formApp(t, common.Navigate{To: common.ScreenLog})
			typeText(m, "Acme")
			press(m, "enter", "enter") // contact left empty, on to said
			typeText(m, "Too pricey")
			tc.to(m)
			if v := frameText(m); !strings.Contains(v, "┃ Why, as far as you know?") {
				t.Fatalf("not on the reason list:\n%s", v)
			}
			press(m, "enter", "enter", "enter", "enter", "enter", "enter") // reason, source, other reasons, stage, change, follow-up
			nos, _, err := db.ListNos(journal.Query{})
			if err != nil || len(nos) != 1 {
				t.Fatalf("no No saved: %v %v\n%s", nos, err, frameText(m))
			}
			// A guess, as the source list says unless down reached it.
			n := nos[0]
			if want := m.ctx.Mode().ReasonIDs()[0]; n.Assumed != want || n.Reason != "" || n.Said != "Too pricey" {
				t.Fatalf("saved guess %q, their reason %q, said %q; want the guess %q: the down went elsewhere",
					n.Assumed, n.Reason, n.Said, want)
			}
		})
	}
}

// The keys typed during a reframe step's save, enter and a letter among
// them, reach the next step's fields in order: the letter goes to the
// field enter moved to.
func TestKeysTypedDuringAStepSaveFollowTheFocus(t *testing.T) {
	t.Parallel()
	m, db := formApp(t, common.Navigate{To: common.ScreenReframe, ID: 1},
		journal.No{Who: "Acme Corp", Said: "Too expensive for now", ReframeStep: 1})
	press(m, "enter") // on to the sting
	race(m, tuitest.Key("enter"), tuitest.Key("enter"), tuitest.Key("x"))
	v := frameText(m)
	if !strings.Contains(v, "Step 2 of 9") || !strings.Contains(v, "> x") {
		t.Fatalf("the x typed after enter did not reach the real reason:\n%s", v)
	}
	if n, err := db.GetNo(1); err != nil || n.ReframeStep != 2 {
		t.Fatalf("step 1 not saved: %+v %v", n, err)
	}
}

// ctrl+c while keys wait for a focus move acts at once: the form asks
// before what was typed is lost.
func TestCtrlCDuringAFocusMoveActsAtOnce(t *testing.T) {
	t.Parallel()
	m, _ := formApp(t, common.Navigate{To: common.ScreenLog})
	typeText(m, "Acme")
	m.Update(tuitest.Key("enter")) // its command not run yet
	m.Update(tuitest.Key("x"))
	m.Update(ctrlC)
	if v := frameText(m); !strings.Contains(v, "Quit Rebound and lose what you typed?") {
		t.Fatalf("ctrl+c waited for the focus move:\n%s", v)
	}
}

// Typing into a text field never waits: no key is held after a letter.
func TestTypingIsNeverHeld(t *testing.T) {
	t.Parallel()
	m, _ := formApp(t, common.Navigate{To: common.ScreenLog})
	for _, r := range "Acme Corp" {
		_, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		if m.gated || len(m.pending) > 0 {
			t.Fatalf("%q held the keys after it", r)
		}
		drive(m, cmd)
	}
	if v := frameText(m); !strings.Contains(v, "Acme Corp") {
		t.Fatalf("typing lost:\n%s", v)
	}
}

// BenchmarkTypingInAForm is one letter typed into the log form's Who field
// (then erased): the root's Update alone, where the key gate runs, and
// with the View drawn after it.
func BenchmarkTypingInAForm(b *testing.B) {
	ctx, db := tuitest.Context(b)
	m := New(ctx, db, common.Navigate{To: common.ScreenLog})
	run(m, m.Init())
	run(m, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	keys := []tea.KeyPressMsg{{Code: 'a', Text: "a"}, {Code: tea.KeyBackspace}}
	for _, view := range []bool{false, true} {
		name := "update"
		if view {
			name = "update+view"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := range b.N {
				m.Update(keys[i%2])
				if m.gated {
					b.Fatal("a letter closed the key gate")
				}
				if view {
					_ = m.View()
				}
			}
		})
	}
}
