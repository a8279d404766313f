package reflectview

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

// host runs the screen as a whole program, the way the root does (size in,
// Back quits), and publishes the stripped frame after every update so the
// test waits for the next field instead of racing huh.
type host struct {
	s     common.Screen
	frame *atomic.Pointer[string]
}

func (h host) Init() tea.Cmd { return h.s.Init() }

func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case common.Back:
		cmd = tea.Quit
	case tea.WindowSizeMsg:
		h.s.SetSize(msg.Width, msg.Height)
		h.s, cmd = h.s.Update(msg)
	default:
		h.s, cmd = h.s.Update(msg)
	}
	f := ansi.Strip(h.s.View())
	h.frame.Store(&f)
	return h, cmd
}

func (h host) View() tea.View { return tea.NewView(h.s.View()) }

func TestFlowWholeReflectionSkippingTheBreathing(t *testing.T) {
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	tuitest.Add(t, db, journal.No{Who: "Acme Corp", Reason: "price"})

	h := host{s: New(ctx, db), frame: new(atomic.Pointer[string])}
	tm := teatest.NewTestModel(t, h,
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)),
	)
	wait := func(s string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if f := h.frame.Load(); f != nil && strings.Contains(*f, s) {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		f := h.frame.Load()
		if f == nil {
			t.Fatalf("timed out waiting for %q; no frame", s)
		}
		t.Fatalf("timed out waiting for %q; last frame:\n%s", s, *f)
	}

	wait("You logged 1 No today.")
	wait("┃ How are you feeling right now?")
	tm.Send(tuitest.Key("up")) // 3 → 2
	tm.Send(tuitest.Key("enter"))
	wait("step 2 of 5")
	tm.Type("Less than I expected.")
	wait("Less than I expected.")
	tm.Send(tuitest.Key("enter"))
	wait("Pick a bounce-back ritual")
	tm.Send(tuitest.Key("enter")) // breathing is first
	wait("A minute of deep breathing")
	wait("0:5") // the clock runs: 0:59, 0:58...
	tm.Send(tuitest.Key("s"))
	wait("step 4 of 5")
	tm.Type("Asked Acme why")
	wait("Asked Acme why")
	tm.Send(tuitest.Key("enter"))
	wait("step 5 of 5")
	tm.Type("What made you look at us?")
	wait("What made you look at us?")
	tm.Send(tuitest.Key("enter"))
	wait("Day marked active.")
	tm.Send(tuitest.Key("enter"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	r, ok, err := db.Reflection(today)
	if err != nil || !ok {
		t.Fatalf("no reflection stored: %v", err)
	}
	if r.Mood != 2 || r.Ritual != "breathing" || r.Win != "Asked Acme why" || r.Intention != "What made you look at us?" ||
		len(r.Answers) != 1 || r.Answers[0].Answer != "Less than I expected." {
		t.Fatalf("stored %+v", r)
	}
}
