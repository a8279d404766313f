package tui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// framed keeps the last frame the app drew, for a test to read what is
// (and is not) on screen once it has waited for something to appear.
type framed struct {
	tea.Model
	last atomic.Pointer[string]
}

func (f *framed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	f.Model, cmd = f.Model.Update(msg)
	s := ansi.Strip(f.Model.View().Content)
	f.last.Store(&s)
	return f, cmd
}

func (f *framed) frame() string {
	if s := f.last.Load(); s != nil {
		return *s
	}
	return ""
}

// footer is the frame's last line: the keys.
func (f *framed) footer() string {
	lines := strings.Split(strings.TrimRight(f.frame(), " \n"), "\n")
	return lines[len(lines)-1]
}

// open16 runs the app at w×h on a journal set up by seed, from start.
func open16(t *testing.T, w, h int, start common.Navigate, seed func(db interface {
	AddNo(n *journal.No, now time.Time) error
})) (*teatest.TestModel, func(string), *framed) {
	t.Helper()
	ctx, db := tuitest.Context(t)
	if seed != nil {
		seed(db)
	}
	f := &framed{Model: New(ctx, db, start)}
	tm, wait := tuitest.Flow(t, f, w, h)
	return tm, wait, f
}

var (
	ctrlJ    = tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl}
	altEnter = tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt}
	ctrlC    = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	ctrlN    = tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}
)

// Resizing 120×60 → 30×10 → 120×60 halfway through the log form: back at
// full size every field shows its value and the reason list its full
// height, as before the resize (huh only shrinks a field; the form is
// rebuilt over the same values).
func TestFormGrowsBackAfterTooSmall(t *testing.T) {
	// 60 lines: the sales form (with the stage and the other reasons) fits whole.
	tm, wait, f := open16(t, 120, 60, common.Navigate{To: common.ScreenHome}, nil)
	wait("No No's yet")
	tm.Send(tuitest.Key("n"))
	wait("┃ Who said no?")
	tm.Type("Acme")
	tm.Send(tuitest.Key("tab"))
	wait("┃ Your contact")
	tm.Type("Bob")
	tm.Send(tuitest.Key("tab"))
	wait("┃ What did they say")
	tm.Type("Words")
	tm.Send(tuitest.Key("tab"))
	wait("┃ Why, as far")
	before := f.frame()
	tm.Send(tea.WindowSizeMsg{Width: 30, Height: 10})
	wait("Terminal too small")
	tm.Send(tea.WindowSizeMsg{Width: 120, Height: 60})
	wait("┃ Why, as far")
	time.Sleep(200 * time.Millisecond) // any command of the rebuild lands
	after := f.frame()
	for _, want := range []string{"> Bob", "Words", "Waiting on a hire or decision maker", "They told me"} {
		if !strings.Contains(after, want) {
			t.Errorf("after the resize the form lacks %q:\n%s", want, after)
		}
	}
	if after != before {
		t.Errorf("the form changed across the resize:\nbefore\n%s\nafter\n%s", before, after)
	}
}

// At 80×24 the reframe's second step is taller than the screen: when the
// focus moves on from "What reason did you assume at first?" that field
// is shown whole or not at all, never its choice without its title; here
// it fits whole above the focused field (the list below runs off the end).
func TestReframeFieldKeepsItsTitleWhenScrolled(t *testing.T) {
	tm, wait, f := open16(t, 80, 24, common.Navigate{To: common.ScreenReframe, ID: 1}, func(db interface {
		AddNo(n *journal.No, now time.Time) error
	}) {
		tuitest.Add(t, db, journal.No{Who: "Acme"})
	})
	wait("Step 1 of 9")
	tm.Send(ctrlN)
	wait("┃ What reason did you assume at first?")
	tm.Send(tuitest.Key("right")) // a first choice: "Too expensive"
	tm.Send(tuitest.Key("tab"))
	wait("┃ What is the real reason")
	lines := strings.Split(f.frame(), "\n")
	for i, l := range lines {
		if strings.Contains(l, "┃ What is the real reason") {
			above := strings.Join(lines[:i], "\n")
			quote := strings.Index(above, "The prospect said")
			if part := strings.TrimSpace(above[quote:]); strings.Contains(part, "\n") && !strings.Contains(part, "What reason did you assume") {
				t.Fatalf("a field shows without its title:\n%s", f.frame())
			}
		}
	}
	if v := f.frame(); !strings.Contains(v, "What reason did you assume at first?") || !strings.Contains(v, "Too expensive") {
		t.Errorf("the assumed reason is not shown whole above the focused field:\n%s", v)
	}
}

// One newline key in every text area, ctrl+j (alt+enter works too where
// the terminal sends it), and the footer says it while a text area has
// the focus: the log form, the reframe, the reflection, the debrief answers.
func TestNewLineKeyIsOneAndShown(t *testing.T) {
	seed := func(db interface {
		AddNo(n *journal.No, now time.Time) error
	}) {
		tuitest.Add(t, db, journal.No{Who: "Acme"})
	}
	check := func(t *testing.T, f *framed, where string) {
		t.Helper()
		if !strings.Contains(f.footer(), "ctrl+j new line") {
			t.Errorf("%s: the footer does not say the newline key: %q", where, f.footer())
		}
		if strings.Contains(f.frame(), "alt+enter") {
			t.Errorf("%s: the screen names another newline key:\n%s", where, f.frame())
		}
	}
	t.Run("log", func(t *testing.T) {
		tm, wait, f := open16(t, 80, 24, common.Navigate{To: common.ScreenLog}, nil)
		wait("┃ Who said no?")
		if strings.Contains(f.footer(), "new line") {
			t.Errorf("the footer offers a new line in a one-line field: %q", f.footer())
		}
		tm.Type("Acme")
		tm.Send(tuitest.Key("tab"))
		wait("┃ Your contact")
		tm.Send(tuitest.Key("tab"))
		wait("┃ What did they say")
		tm.Type("one")
		tm.Send(ctrlJ)
		tm.Type("two")
		tm.Send(altEnter)
		tm.Type("three")
		wait("┃ three")
		check(t, f, "log")
		if v := f.frame(); !strings.Contains(v, "┃ one") || !strings.Contains(v, "┃ two") {
			t.Errorf("ctrl+j or alt+enter did not add a line:\n%s", v)
		}
	})
	t.Run("reframe", func(t *testing.T) {
		tm, wait, f := open16(t, 80, 24, common.Navigate{To: common.ScreenReframe, ID: 1}, seed)
		wait("Step 1 of 9")
		tm.Type("one")
		tm.Send(ctrlJ)
		tm.Type("two")
		wait("┃ two")
		check(t, f, "reframe")
		if !strings.Contains(f.frame(), "ctrl+j adds a line") {
			t.Errorf("the reframe's hint lost the key:\n%s", f.frame())
		}
	})
	t.Run("reflect", func(t *testing.T) {
		tm, wait, f := open16(t, 80, 24, common.Navigate{To: common.ScreenReflect}, nil)
		wait("┃ How are you feeling")
		tm.Send(tuitest.Key("enter"))
		wait("step 2 of 5")
		tm.Type("one")
		tm.Send(ctrlJ)
		tm.Type("two")
		wait("┃ two")
		check(t, f, "reflect")
		if !strings.Contains(f.frame(), "ctrl+j adds a line") {
			t.Errorf("the prompt's hint does not say the key:\n%s", f.frame())
		}
	})
	t.Run("debrief", func(t *testing.T) {
		tm, wait, f := open16(t, 80, 24, common.Navigate{To: common.ScreenDebrief, ID: 1}, seed)
		wait("Questions for the debrief call")
		tm.Send(tuitest.Key("a"))
		wait("Question 1 of")
		tm.Type("one")
		tm.Send(ctrlJ)
		tm.Type("two")
		wait("┃ two")
		check(t, f, "debrief")
	})
}

// The reflection's last step saves on enter, and its footer says so (it
// said "enter next" under "enter saves the reflection").
func TestReflectLastStepFooterSaysSave(t *testing.T) {
	tm, wait, f := open16(t, 80, 24, common.Navigate{To: common.ScreenReflect}, nil)
	wait("┃ How are you feeling")
	tm.Send(tuitest.Key("enter"))
	wait("step 2 of 5")
	tm.Send(tuitest.Key("enter"))
	wait("┃ Pick a bounce-back ritual")
	tm.Send(tuitest.Key("up")) // round to the last choice: skip the ritual
	wait("> Skip the ritual today")
	tm.Send(tuitest.Key("enter"))
	wait("step 4 of 5")
	if strings.Contains(f.footer(), "save") {
		t.Errorf("step 4 offers to save: %q", f.footer())
	}
	tm.Send(tuitest.Key("enter"))
	wait("step 5 of 5")
	wait("enter saves the reflection")
	if ft := f.footer(); !strings.Contains(ft, "enter save") || strings.Contains(ft, "enter next") {
		t.Errorf("step 5's footer: %q", ft)
	}
}

// The welcome's footer follows the focused question: ↑/↓ on the mode
// list, no choosing in the name field, space for the days, ←/→ and
// "enter save" on the goal.
func TestWelcomeFooterFollowsTheField(t *testing.T) {
	ctx, db := tuitest.Context(t)
	ctx.Settings = journal.DefaultSettings()
	f := &framed{Model: New(ctx, db, common.Navigate{To: common.ScreenHome})}
	tm, wait := tuitest.Flow(t, f, 80, 24)
	wait("┃ Where do you hear no most?")
	for _, step := range []struct{ field, want, not string }{
		{"Where do you hear no most?", "↑/↓ choose", "←/→"},
		{"Your name", "enter next", "choose"},
		{"Which days count", "space pick a day", "←/→"},
		{"Weekly goal", "←/→ choose", "↑/↓"},
	} {
		wait("┃ " + step.field)
		ft := f.footer()
		if !strings.Contains(ft, step.want) || strings.Contains(ft, step.not) {
			t.Errorf("on %q the footer is %q (want %q, not %q)", step.field, ft, step.want, step.not)
		}
		tm.Send(tuitest.Key("enter"))
	}
}

// ctrl+c in a form quits the app (it went home): at once with nothing
// typed, after "Quit Rebound and lose what you typed?" with text.
func TestCtrlCInAFormQuitsTheApp(t *testing.T) {
	t.Run("nothing typed", func(t *testing.T) {
		tm, wait, _ := open16(t, 80, 24, common.Navigate{To: common.ScreenHome}, nil)
		wait("No No's yet")
		tm.Send(tuitest.Key("n"))
		wait("┃ Who said no?")
		tm.Send(ctrlC)
		tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	})
	t.Run("typed", func(t *testing.T) {
		tm, wait, f := open16(t, 80, 24, common.Navigate{To: common.ScreenHome}, nil)
		wait("No No's yet")
		tm.Send(tuitest.Key("n"))
		wait("┃ Who said no?")
		tm.Type("Acme")
		tm.Send(ctrlC)
		wait("Quit Rebound and lose what you typed?")
		tm.Send(tuitest.Key("n")) // keeps editing
		wait("Right after the call")
		if strings.Contains(f.frame(), "Quit Rebound") || !strings.Contains(f.frame(), "Acme") {
			t.Fatalf("n did not keep editing:\n%s", f.frame())
		}
		tm.Send(ctrlC)
		wait("Quit Rebound and lose what you typed?")
		tm.Send(tuitest.Key("y"))
		tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	})
}

// The settings form opens inside the app: S on home (said in home's ?
// help), the form of `rebound settings`; saving goes back home.
func TestSettingsFromHome(t *testing.T) {
	ctx, db := tuitest.Context(t)
	f := &framed{Model: New(ctx, db, common.Navigate{To: common.ScreenHome})}
	tm, wait := tuitest.Flow(t, f, 80, 24)
	wait("No No's yet")
	tm.Send(tuitest.Key("?"))
	wait("S settings")
	tm.Send(tuitest.Key("esc")) // closes the help
	wait("No No's yet")
	tm.Send(tuitest.Key("S"))
	wait("Your settings")
	wait("┃ Where do you hear no most?")
	tm.Send(tuitest.Key("enter"))
	wait("┃ Your name")
	tm.Type("Sam")
	for _, next := range []string{"┃ Which days count", "┃ Weekly goal"} {
		tm.Send(tuitest.Key("enter"))
		wait(next)
	}
	tm.Send(tuitest.Key("enter"))
	wait("Settings saved")
	wait("No No's yet")
	tm.Send(tuitest.Key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	if s, err := db.Settings(); err != nil || s.Name != "Sam" {
		t.Fatalf("settings after the form: %+v %v", s, err)
	}
}
