package reframeview

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// probe runs the screen as a whole program: it plays the root's part for
// status and back, and publishes the stripped frame after every update so
// the test waits for the next field instead of racing huh's async moves.
type probe struct {
	s      common.Screen
	frame  *atomic.Pointer[string]
	status *atomic.Pointer[string]
	back   bool
}

func (p *probe) Init() tea.Cmd { return p.s.Init() }

func (p *probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	// The screen batches its status with going back, in either order:
	// quit once both have arrived.
	case common.Status:
		t := msg.Text
		p.status.Store(&t)
		if p.back {
			return p, tea.Quit
		}
		return p, nil
	case common.Back:
		p.back = true
		if p.status.Load() != nil {
			return p, tea.Quit
		}
		return p, nil
	}
	var cmd tea.Cmd
	p.s, cmd = p.s.Update(msg)
	f := ansi.Strip(p.s.View())
	p.frame.Store(&f)
	return p, cmd
}

func (p *probe) View() tea.View { return tea.NewView(p.s.View()) }

func TestFlowReframeThroughAllSixSteps(t *testing.T) {
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said})
	p := &probe{s: New(ctx, db, n.ID), frame: new(atomic.Pointer[string]), status: new(atomic.Pointer[string])}
	tm := teatest.NewTestModel(t, p,
		teatest.WithInitialTermSize(100, 30),
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
	key := func(k string, times int) {
		for range times {
			tm.Send(tuitest.Key(k))
		}
	}
	right := func(times int) {
		for range times {
			tm.Send(tea.KeyPressMsg{Code: tea.KeyRight})
		}
	}

	// 1 — what they said (already logged), how much it stung.
	wait("Step 1 of 6 · What they said")
	wait("┃ What did the prospect actually say?")
	key("enter", 1)
	wait("┃ How much did it sting?")
	right(5)
	wait("5 — it really stung")
	key("enter", 1)

	// 2 — assumed vs real reason; their words stay on screen from here on.
	wait("Step 2 of 6 · The real reason")
	wait("The prospect said:")
	wait("┃ What reason did you assume at first?")
	right(1)
	wait("Too expensive")
	key("enter", 1)
	wait("┃ What is the real reason, in their words?")
	tm.Type("Surprise charges last time")
	wait("Surprise charges last time")
	key("enter", 1)
	wait("┃ Which reason is closest?")
	key("down", 7)
	wait("> Hidden fees")
	key("enter", 1)

	// 3 — the kind of no, each explained.
	wait("Step 3 of 6 · Kind of no")
	wait("Not understood  They said no")
	key("down", 4)
	wait("Not understood: They said no to what they thought you offered")
	key("enter", 1)

	// 4 — the turnaround question and their answer. Leave here: a draft.
	wait("Step 4 of 6 · The turnaround")
	wait("┃ What would need to change for us to revisit this?")
	tm.Type("A line-item quote")
	wait("A line-item quote")
	key("enter", 1)

	// 5 — the competitor, then skip the why with ctrl+n.
	wait("Step 5 of 6 · The alternative")
	wait("┃ Did they choose a competitor?")
	tm.Type("Initech")
	wait("Initech")
	tm.Send(tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})

	// 6 — the reframe; the follow-up is suggested from the kind, in sight.
	wait("Step 6 of 6 · Your reframe")
	wait("about 2 days after the No")
	wait("┃ What does this no teach you?")
	tm.Type("Itemise every quote")
	wait("Itemise every quote")
	key("enter", 1)
	wait("┃ What is your next step with this prospect?")
	tm.Type("Send the quote")
	wait("Send the quote")
	key("enter", 1)
	wait("┃ Follow up on")
	key("enter", 1)
	wait("┃ How much does it sting now?")
	right(2)
	wait("2 — a little")
	key("enter", 1)
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	if s := p.status.Load(); s == nil || !strings.HasPrefix(*s, "Reframed.") {
		t.Fatalf("status %v", s)
	}
	got := get(t, ctx, db, n.ID)
	if got.Feeling != 5 || got.Assumed != "price" || got.Reason != "hidden-fees" || got.ReasonText != "Surprise charges last time" ||
		got.Kind != journal.KindNotUnderstood || got.Change != "A line-item quote" || got.Competitor != "Initech" ||
		got.Lesson != "Itemise every quote" || got.Next != "Send the quote" || got.FollowUp != "2026-11-25" || got.FeelingAfter != 2 {
		t.Fatalf("stored %+v", got)
	}
	if !got.Reframed() || got.ReframedAt == nil || got.ReframeStep != 0 {
		t.Fatalf("not reframed: %+v", got)
	}
}
