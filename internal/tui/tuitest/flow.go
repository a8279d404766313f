package tuitest

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// probe publishes the stripped frame after every update, so a flow test
// waits for what is on screen (huh moves between fields asynchronously:
// typing before the next field shows lands in the previous one).
type probe struct {
	m     tea.Model
	frame *atomic.Pointer[string]
}

func (p *probe) Init() tea.Cmd { return p.m.Init() }
func (p *probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	p.m, cmd = p.m.Update(msg)
	s := ansi.Strip(p.m.View().Content)
	p.frame.Store(&s)
	return p, cmd
}
func (p *probe) View() tea.View { return p.m.View() }

// Flow runs m under teatest at width×height with colour off and returns
// the test model and a wait function that fails the test (showing the last
// frame) unless the screen shows the text within 5 s. A flow runs the whole
// program in real time (seconds each), so under -short it skips: the full
// suite, as CI runs it, has them.
func Flow(t *testing.T, m tea.Model, width, height int) (*teatest.TestModel, func(string)) {
	t.Helper()
	if testing.Short() {
		t.Skip("a whole-program flow (teatest): it runs without -short")
	}
	p := &probe{m: m, frame: new(atomic.Pointer[string])}
	tm := teatest.NewTestModel(t, p,
		teatest.WithInitialTermSize(width, height),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)),
	)
	wait := func(s string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if f := p.frame.Load(); f != nil && strings.Contains(*f, s) {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		if f := p.frame.Load(); f != nil {
			t.Fatalf("timed out waiting for %q; last frame:\n%s", s, *f)
		}
		t.Fatalf("timed out waiting for %q; no frame", s)
	}
	return tm, wait
}
