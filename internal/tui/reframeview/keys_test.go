package reframeview

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func TestUnknownNo(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	s := open(t, ctx, db, 42, 80, 20)
	if v := tuitest.View(s); !strings.Contains(v, "42") || !strings.Contains(v, "esc goes back") {
		t.Fatalf("unknown No:\n%s", v)
	}
	if s.Capturing() {
		t.Error("an error screen captures keys")
	}
	if _, out := tuitest.Send(s, tuitest.Key("esc")); !wentBack(out) {
		t.Fatalf("esc sent %v", out)
	}
}

func TestTinySizesDoNotPanic(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: strings.Repeat("Wide名前", 20), Said: strings.Repeat("long words ", 80)})
	sizes := [][2]int{{0, 0}, {1, 1}, {10, 3}, {20, 6}, {38, 8}, {80, 24}}
	if testing.Short() {
		sizes = [][2]int{{0, 0}, {10, 3}, {80, 24}} // the extremes and the usual; all six without -short
	}
	for _, sz := range sizes {
		s := open(t, ctx, db, n.ID, sz[0], sz[1])
		s, _ = tuitest.Send(s, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		for i := range numSteps {
			// The step indicator and the how-to line come first, cut to
			// the width (one column at least).
			lines := strings.Split(tuitest.View(s), "\n")
			w := max(1, sz[0])
			head := fmt.Sprintf("Step %d of %d · %s", i+1, numSteps, stepNames[i+1])
			for j, want := range []string{head, howTo(i + 1)} {
				got := lines[j]
				whole := strings.HasPrefix(got, want) || strings.HasPrefix(want, strings.TrimSuffix(got, "…"))
				if ansi.StringWidth(got) > w || !whole {
					t.Errorf("%v step %d: line %d is %q, want %q cut to %d", sz, i+1, j+1, got, want, w)
				}
			}
			if sz[0] >= 20 && !strings.HasPrefix(lines[0], head[:len("Step 1 of 9")]) {
				t.Errorf("%v: step %d not shown: %q", sz, i+1, lines[0])
			}
			if inThoughtRecord(i + 1) {
				// ctrl+n would leave the whole record: visit each step.
				next, cmd := s.(*Model).move(i + 2)
				s, _ = tuitest.Run(next, cmd)
				continue
			}
			s, _ = tuitest.Send(s, ctrl('n'))
		}
		if sz[0] >= 80 {
			for _, line := range strings.Split(tuitest.View(s), "\n") {
				if w := len([]rune(line)); w > 100 {
					t.Errorf("line of %d runes at %dx%d: %q", w, sz[0], sz[1], line)
				}
			}
		}
	}
}

func TestKeysAndTitle(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m := New(ctx, db, 7)
	if m.Title() != "Reframe No #7" {
		t.Errorf("title %q", m.Title())
	}
	var helps []string
	for _, b := range m.Keys().ShortHelp() {
		helps = append(helps, b.Help().Key+" "+b.Help().Desc)
	}
	joined := strings.Join(helps, " · ")
	for _, want := range []string{"ctrl+n skip step", "ctrl+p back a step", "esc save draft"} {
		if !strings.Contains(joined, want) {
			t.Errorf("footer lacks %q: %s", want, joined)
		}
	}
}

func TestKeysTypedDuringASaveReachTheNextStep(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", ReframeStep: 3})
	s := open(t, ctx, db, n.ID, 80, 20)
	s, save := s.Update(ctrl('n')) // the save is on its way
	for _, r := range "Next" {
		s, _ = s.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	s, _ = tuitest.Run(s, save)
	if v := tuitest.View(s); step(s) != 4 || !strings.Contains(v, "> Next") {
		t.Fatalf("keys typed during the save were lost (step %d):\n%s", step(s), v)
	}
}

func TestResizeKeepsTheFocusedField(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Kind: journal.KindFinal, ReframeStep: stepReframe})
	s := open(t, ctx, db, n.ID, 80, 24)
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	s, _ = tuitest.Send(s, tuitest.Key("enter")) // on the follow-up now
	s = tuitest.Type(s, "tomor")
	s, _ = tuitest.Send(s, tea.WindowSizeMsg{Width: 60, Height: 30})
	s = tuitest.Type(s, "row")
	_, out := tuitest.Send(s, tuitest.Key("esc"))
	if !wentBack(out) {
		t.Fatalf("esc sent %v", out)
	}
	if got := get(t, ctx, db, n.ID); got.FollowUp != "2026-11-24" || got.Lesson != "" || got.Next != "" {
		t.Fatalf("after a resize the typing went elsewhere: %+v", got)
	}
}

// A No that can't be read offers only the way back, and the footer says so.
func TestMissingNoKeysAreOnlyBack(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	s := open(t, ctx, db, 404, 80, 24)
	var helps []string
	for _, b := range s.Keys().ShortHelp() {
		helps = append(helps, b.Help().Key+" "+b.Help().Desc)
	}
	if got := strings.Join(helps, " · "); got != "esc back" {
		t.Errorf("footer of a missing No: %q", got)
	}
	for _, k := range []tea.KeyPressMsg{tuitest.Key("esc"), tuitest.Key("q")} {
		if _, out := tuitest.Send(s, k); !wentBack(out) {
			t.Errorf("%s sent %v", k, out)
		}
	}
}
