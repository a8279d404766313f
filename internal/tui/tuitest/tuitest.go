// Package tuitest helps screen tests: a context and a real journal file in
// a temp dir, key presses, and running a screen's commands to completion.
package tuitest

import (
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Now is the fixed clock of screen tests: Monday 2026-11-23, 10:00 local.
var Now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)

// Context is a screen test's context and a fresh journal in t.TempDir(),
// checked when the test ends.
func Context(t testing.TB) (*common.Context, *store.Store) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "rebound.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p, err := st.Check(); err != nil || len(p) > 0 {
			t.Errorf("store check after test: %v %v", p, err)
		}
	})
	return BareContext(), st
}

// BareContext is the context alone, for a test that gives the screen a
// small fake of its Store instead of a journal file.
func BareContext() *common.Context {
	s := common.NewStyles(true)
	return &common.Context{
		Catalog: coach.Default(), Settings: welcomed(),
		Now: func() time.Time { return Now }, Styles: &s,
	}
}

// Add stores a No (Who and Date are enough).
func Add(t testing.TB, db interface {
	AddNo(n *journal.No, now time.Time) error
}, n journal.No) journal.No {
	t.Helper()
	if n.Mode == "" {
		n.Mode = "sales"
	}
	if n.Date == "" {
		n.Date = journal.Today(Now)
	}
	if err := db.AddNo(&n, Now); err != nil {
		t.Fatal(err)
	}
	return n
}

// Key is a key press as Bubble Tea delivers it ("a", "enter", "esc", "down"...).
func Key(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// Run feeds cmd's messages back into the screen until nothing is left
// (bounded), skipping ticks and terminal queries. It returns the messages
// the screen did not consume that the root would handle (navigation, status).
func Run(s common.Screen, cmd tea.Cmd) (common.Screen, []tea.Msg) {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 200; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := runWithTimeout(c)
		switch m := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			queue = append(queue, m...)
			continue
		case common.Navigate, common.Back, common.Status:
			out = append(out, m)
			continue
		}
		if isTerminalMsg(msg) {
			continue
		}
		var next tea.Cmd
		s, next = s.Update(msg)
		queue = append(queue, next)
	}
	return s, out
}

// Drive is Run for a whole program (the root model): every message goes to
// m, timers are skipped as Run skips them, and a quit is dropped.
func Drive(m tea.Model, cmd tea.Cmd) tea.Model {
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 200; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := runWithTimeout(c).(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
		}
	}
	return m
}

// runWithTimeout runs c and returns its message, except for timers: a
// cursor blink or a tea.Tick only waits and then asks for the next one, so
// it is skipped by what it is (its function), never by how long it took.
// Every other command (a store read or write) is waited for; one that
// blocks for 10 s is a bug in the screen and panics with its name.
func runWithTimeout(c tea.Cmd) tea.Msg {
	if isTimer(c) {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case m := <-ch:
		return m
	case <-time.After(10 * time.Second):
		panic("tuitest: command " + funcName(c) + " blocked for 10 s")
	}
}

// timers are the commands that only wait: bubbles' cursor blink and
// bubbletea's Tick/Every (the app's own poll and breathing timers use Tick;
// tests send their tick messages directly).
var timers = []string{
	"charm.land/bubbles/v2/cursor.(*Model).Blink.",
	"charm.land/bubbletea/v2.Tick.",
	"charm.land/bubbletea/v2.Every.",
}

func isTimer(c tea.Cmd) bool {
	name := funcName(c)
	for _, t := range timers {
		if strings.HasPrefix(name, t) {
			return true
		}
	}
	return false
}

func funcName(c tea.Cmd) string {
	return runtime.FuncForPC(reflect.ValueOf(c).Pointer()).Name()
}

func isTerminalMsg(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.QuitMsg:
		return true
	}
	// Unexported sequence/query messages from bubbletea are not for screens.
	return false
}

// Send delivers a message and runs what follows.
func Send(s common.Screen, msg tea.Msg) (common.Screen, []tea.Msg) {
	s, cmd := s.Update(msg)
	return Run(s, cmd)
}

// Type sends each rune as a key press.
func Type(s common.Screen, text string) common.Screen {
	for _, r := range text {
		s, _ = Send(s, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return s
}

// View is the screen's view without escapes.
func View(s common.Screen) string { return ansi.Strip(s.View()) }

// welcomed are default settings past the first-run welcome.
func welcomed() journal.Settings {
	s := journal.DefaultSettings()
	s.Welcomed = true
	return s
}
