package streakview_test

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/tui"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// probe publishes the stripped frame after every update.
type probe struct {
	m     *tui.Model
	frame *atomic.Pointer[string]
}

func (p probe) Init() tea.Cmd { return p.m.Init() }
func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := p.m.Update(msg)
	s := ansi.Strip(p.m.View().Content)
	p.frame.Store(&s)
	return p, cmd
}
func (p probe) View() tea.View { return p.m.View() }

// TestFlowStreakAndInsightsFromHome walks home → s (streak) → t (rest day)
// → esc → i (insights) → 1 (7 days) in the real root at 80×24.
func TestFlowStreakAndInsightsFromHome(t *testing.T) {
	ctx := tuitest.Context(t)
	ctx.Settings.Welcomed = true
	reflect(t, ctx, "2026-11-22")
	p := probe{m: tui.New(ctx, common.Navigate{To: common.ScreenHome}), frame: new(atomic.Pointer[string])}
	tm := teatest.NewTestModel(t, p,
		teatest.WithInitialTermSize(80, 24),
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
		f := p.frame.Load()
		if f == nil {
			t.Fatalf("timed out waiting for %q; no frame", s)
		}
		t.Fatalf("timed out waiting for %q; last frame:\n%s", s, *f)
	}
	wait("No No's yet")
	tm.Send(tuitest.Key("s"))
	wait("1-day streak, started 2026-11-22")
	wait("at risk")
	wait("today ↑")
	tm.Send(tuitest.Key("t"))
	wait("Today is a rest day")
	wait("the streak waits")
	tm.Send(tuitest.Key("esc"))
	wait("No No's yet")
	tm.Send(tuitest.Key("i"))
	wait("Insights · last 30 days")
	tm.Send(tuitest.Key("1"))
	wait("Insights · last 7 days")
	tm.Send(tuitest.Key("q"))
	tm.Send(tuitest.Key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))

	if rest, _ := ctx.Store.RestDays(); !rest[today] {
		t.Fatalf("rest day not stored: %v", rest)
	}
}
