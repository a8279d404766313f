package logform

import (
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// A 1 MB paste into a field neither hangs nor crashes: the field keeps its
// limit and the form stays usable.
func TestHugePasteIsBounded(t *testing.T) {
	t.Parallel()
	ctx := tuitest.Context(t)
	var s common.Screen = New(ctx)
	s.SetSize(100, 28)
	s, _ = tuitest.Run(s, s.Init())
	s, _ = tuitest.Send(s, tea.WindowSizeMsg{Width: 100, Height: 28})
	big := strings.Repeat("pasted text ", 90_000) // ~1 MB
	done := make(chan struct{})
	go func() {
		defer close(done)
		s, _ = tuitest.Send(s, tea.PasteMsg{Content: big})
		_ = s.View()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a 1 MB paste hung the form")
	}
	m := s.(*Model)
	if got := len(m.vals.Who); got > 200 {
		t.Fatalf("who holds %d bytes; the limit is 200", got)
	}
}

// When saving fails (here: the journal file vanished and its folder became
// a file), the form shows one sentence and keeps every word typed.
func TestSaveFailureKeepsTyping(t *testing.T) {
	t.Parallel()
	ctx := tuitest.Context(t)
	m := New(ctx)
	m.SetSize(100, 28)
	m.vals.Who = "Acme Corp"
	m.vals.Said = "We're worried about hidden fees."
	path := ctx.Store.Path()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	var s common.Screen = m
	s, _ = tuitest.Run(s, m.save())
	m = s.(*Model)
	if m.err == "" || !strings.Contains(tuitest.View(s), "nothing you typed is lost") {
		t.Fatalf("no error shown:\n%s", tuitest.View(s))
	}
	if m.vals.Who != "Acme Corp" || m.vals.Said != "We're worried about hidden fees." {
		t.Fatalf("typing lost: %+v", m.vals)
	}
	if !strings.Contains(tuitest.View(s), "Acme Corp") {
		t.Fatalf("the rebuilt form does not show the typed text:\n%s", tuitest.View(s))
	}
	// Recreate an empty journal so the test's store check passes.
	if _, err := store.Open(path); err != nil {
		t.Fatal(err)
	}
}
