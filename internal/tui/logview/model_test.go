package logview

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
	ctx, db := tuitest.Context(t)
	var s common.Screen = New(ctx, db)
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
	ctx, db := tuitest.Context(t)
	m := New(ctx, db)
	m.SetSize(100, 28)
	m.vals.Who = "Acme Corp"
	m.vals.Said = "We're worried about hidden fees."
	path := db.Path()
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

// sizeSpy records the window sizes that reach the screen through commands:
// the root takes any WindowSizeMsg for the terminal's own size.
type sizeSpy struct {
	*Model
	sizes []tea.WindowSizeMsg
}

func (s *sizeSpy) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		s.sizes = append(s.sizes, ws)
	}
	_, cmd := s.Model.Update(msg)
	return s, cmd
}

// After a failed save the form comes back laid out in place, without a
// command that would tell the root the terminal is the body's size; esc
// with typing asks, and the footer shows the question's keys.
func TestFailedSaveRebuildsInPlaceAndEscAsks(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	spy := &sizeSpy{Model: New(ctx, db)}
	spy.SetSize(100, 28)
	s, _ := tuitest.Run(spy, spy.Init())
	spy.sizes = nil
	s = tuitest.Type(s, "Acme Corp")
	s, _ = tuitest.Send(s, saveFailed{err: os.ErrPermission})
	if len(spy.sizes) != 0 {
		t.Errorf("a failed save sent window sizes %v", spy.sizes)
	}
	if v := tuitest.View(s); !strings.Contains(v, "Acme Corp") || !strings.Contains(v, "permission denied") {
		t.Fatalf("after the failed save:\n%s", v)
	}
	s, out := tuitest.Send(s, tuitest.Key("esc"))
	if len(out) != 0 || !strings.Contains(tuitest.View(s), "Discard what you typed? y discards · any other key keeps editing") {
		t.Fatalf("esc with typing sent %v:\n%s", out, tuitest.View(s))
	}
	var keys []string
	for _, b := range s.Keys().ShortHelp() {
		keys = append(keys, b.Help().Key+" "+b.Help().Desc)
	}
	if got := strings.Join(keys, " · "); got != "y discard · any other key keep editing" {
		t.Errorf("footer while asking: %q", got)
	}
	if _, out = tuitest.Send(s, tuitest.Key("y")); len(out) != 1 || out[0] != (common.Back{}) {
		t.Fatalf("y sent %v", out)
	}
}
