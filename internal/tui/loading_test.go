package tui

import (
	"reflect"
	"runtime"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// settle feeds cmd's messages to the root until none are left (bounded),
// skipping timers and terminal queries as tuitest.Run does; a Sequence's
// commands run one after another, each message in before the next runs,
// as Bubble Tea runs them.
func settle(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 500 {
			t.Fatal("the root never settled")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil || isTimerCmd(c) {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		}
		if seq, ok := sequenceOf(msg); ok {
			// One at a time, before anything else: what follows a
			// Sequence waits for it.
			rest := queue
			queue = nil
			for _, c := range seq {
				settle(t, m, c)
			}
			queue = rest
			continue
		}
		if _, quit := msg.(tea.QuitMsg); quit {
			continue
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}

// sequenceOf unpacks tea.Sequence's message: an unexported slice of
// commands.
func sequenceOf(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// isTimerCmd is a command that only waits (a blink, a tick): skipped.
func isTimerCmd(c tea.Cmd) bool {
	name := runtime.FuncForPC(reflect.ValueOf(c).Pointer()).Name()
	for _, t := range []string{"charm.land/bubbles/v2/cursor.", "charm.land/bubbletea/v2.Tick.", "charm.land/bubbletea/v2.Every."} {
		if strings.HasPrefix(name, t) {
			return true
		}
	}
	return false
}

func frameOf(m *Model) string { return ansi.Strip(m.render()) }

// Keys typed ahead reach the screen they were meant for, in order: "f j j
// x" typed at once on home opens the follow-ups, moves down two and marks
// the third done. Before, j reached home before the follow-ups were open
// (and opened the journal under them), or the follow-ups while they said
// "Loading follow-ups…" (and was dropped).
func TestKeysTypedWhileLoadingAreKept(t *testing.T) {
	ctx, db := tuitest.Context(t)
	ctx.Settings.Welcomed = true
	today := journal.Today(tuitest.Now)
	for _, who := range []string{"Acme", "Globex", "Initech"} {
		tuitest.Add(t, db, journal.No{Who: who, Date: today.AddDays(-10), FollowUp: today})
	}
	m := New(ctx, db, common.Navigate{To: common.ScreenHome})
	settle(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	settle(t, m, m.top().Init())

	// Every key arrives before any command has run.
	var cmds []tea.Cmd
	for _, k := range []string{"f", "j", "j", "x"} {
		_, c := m.Update(tuitest.Key(k))
		cmds = append(cmds, c)
	}
	if len(m.pending) != 3 {
		t.Fatalf("%d keys held after f, want 3", len(m.pending))
	}
	// The follow-ups open and say they are loading; the keys still wait.
	settle(t, m, cmds[0])
	if len(m.stack) != 2 || m.top().Title() != "Follow-ups" {
		t.Fatalf("after f: %d screens, %q on top", len(m.stack), m.top().Title())
	}
	if f := frameOf(m); !strings.Contains(f, "Done: followed up with Initech.") {
		t.Fatalf("the keys typed ahead were lost:\n%s", f)
	}
	n, _, err := db.ListNos(journal.Query{Text: "Initech"})
	if err != nil || len(n) != 1 || !n[0].FollowUpDone {
		t.Fatalf("Initech's follow-up is not done: %+v %v", n, err)
	}
}

// esc on a screen still loading goes back at once, and the keys held for
// it go with it.
func TestEscWhileLoadingGoesBack(t *testing.T) {
	ctx, db := tuitest.Context(t)
	ctx.Settings.Welcomed = true
	m := New(ctx, db, common.Navigate{To: common.ScreenHome})
	settle(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	settle(t, m, m.top().Init())
	_, load := m.Update(common.Navigate{To: common.ScreenFollowUps})
	m.Update(tuitest.Key("x"))
	_, c := m.Update(tuitest.Key("esc"))
	settle(t, m, c)
	settle(t, m, load)
	if len(m.stack) != 1 || len(m.pending) != 0 {
		t.Fatalf("esc while loading: %d screens, %d keys held", len(m.stack), len(m.pending))
	}
}
