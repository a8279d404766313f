package prepview

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

var today = journal.Today(tuitest.Now)

// fits reports the card's size against the body of an 80×24 terminal.
func fits(t *testing.T, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Errorf("%d lines in a body of %d:\n%s", len(lines), h, v)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Errorf("a line of %d cells in %d: %q", ansi.StringWidth(l), w, l)
		}
	}
}

// The card of a prospect found by the start of its name: their No's in
// their words, their condition, next step and follow-up, a debrief
// answer, what similar No's taught, the research checklist and the
// opening line, all within 78×20 (the body of an 80×24 terminal); c marks
// the condition met in the journal and the opening follows.
func TestPrepCard(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	tuitest.Add(t, db, journal.No{Who: "Globex", Date: today.AddDays(-20), Reason: "budget", Kind: journal.KindNotNow, Lesson: "Ask who signs the budget"})
	tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: today.AddDays(-9), Reason: "price", Kind: journal.KindNotThis, Said: "Too dear for a team our size"})
	cond := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: today.AddDays(-2), Reason: "timing", Kind: journal.KindNotNow,
		Said: "Call me after the migration", Change: "Once the migration is done", Next: "Send the ROI sheet", FollowUp: today.AddDays(3),
		Debrief: []journal.Answer{{Prompt: "Which competitor are you going with?", Answer: "None yet"}}})

	var s common.Screen = New(ctx, db, "acme")
	s.SetSize(78, 20)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	order := []string{"Acme Corp", "2 No's, 0 yes", "Condition", "“Once the migration is done”", "not met yet · c marks it",
		"Next step", "Send the ROI sheet · follow up 2026-11-26 (in 3 days)",
		"Their No's", "Bad timing · not now — “Call me after the migration”", "Too expensive · not this — “Too dear",
		"Debrief", "↳ None yet", "Taught", "Ask who signs the budget", "same kind",
		"Odds", "Not now: 2 No's of this kind so far; the odds show from 10.",
		"Research", "☐ Read their news", "Open with", "“When we last spoke", "Once the migration is done", "Has anything moved"}
	plain, at := ansi.Strip(v), 0
	for _, want := range order {
		i := strings.Index(plain[at:], want)
		if i < 0 {
			t.Fatalf("missing %q (in order):\n%s", want, v)
		}
		at += i
	}
	fits(t, v, 78, 20)
	if strings.Contains(v, "more") {
		t.Errorf("the card scrolls at 80×24:\n%s", v)
	}

	s, cmd := s.Update(tuitest.Key("c"))
	s, _ = tuitest.Run(s, cmd)
	if n, _ := db.GetNo(cond.ID); !n.ConditionMet {
		t.Fatal("c did not mark the condition met in the journal")
	}
	v = tuitest.View(s)
	if !strings.Contains(v, "✓ met") || !strings.Contains(v, "That's in place now") {
		t.Errorf("after c:\n%s", v)
	}
	s, cmd = s.Update(tuitest.Key("c"))
	s, _ = tuitest.Run(s, cmd)
	if n, _ := db.GetNo(cond.ID); n.ConditionMet {
		t.Error("a second c did not unmark it")
	}

	if _, out := tuitest.Send(s, tuitest.Key("w")); len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenWho, Name: "Acme Corp"}) {
		t.Errorf("w sent %v", out)
	}
	if _, out := tuitest.Send(s, tuitest.Key("b")); len(out) != 1 || out[0] != (common.Navigate{To: common.ScreenDebrief, ID: cond.ID}) {
		t.Errorf("b sent %v", out)
	}
	if _, out := tuitest.Send(s, tuitest.Key("esc")); len(out) != 1 || out[0] != (common.Back{}) {
		t.Errorf("esc sent %v", out)
	}
	// Small screens scroll, the name first.
	for _, sz := range [][2]int{{20, 5}, {40, 10}} {
		s.SetSize(sz[0], sz[1])
		if v := tuitest.View(s); !strings.HasPrefix(ansi.Strip(v), "Acme") || len(strings.Split(v, "\n")) > sz[1] {
			t.Errorf("%v:\n%s", sz, v)
		}
	}
}

// A name that matches several prospects lists them; enter opens the card
// of the one chosen, esc returns to the list; nobody says so.
func TestPrepPicksAmongSeveral(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	tuitest.Add(t, db, journal.No{Who: "Acme Corp", Reason: "price"})
	tuitest.Add(t, db, journal.No{Who: "Acme Inc", Reason: "timing", Change: "A pilot first"})
	var s common.Screen = New(ctx, db, "acme")
	s.SetSize(78, 20)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	if !strings.Contains(v, "“acme” matches 2 prospects. Pick one:") || !strings.Contains(v, "› Acme Corp") {
		t.Fatalf("picker:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("down"))
	s, cmd := s.Update(tuitest.Key("enter"))
	s, _ = tuitest.Run(s, cmd)
	if v := tuitest.View(s); !strings.Contains(v, "Acme Inc") || !strings.Contains(v, "A pilot first") {
		t.Fatalf("after enter:\n%s", v)
	}
	s, out := tuitest.Send(s, tuitest.Key("esc"))
	if len(out) != 0 || !strings.Contains(tuitest.View(s), "Pick one") {
		t.Errorf("esc on a picked card: %v\n%s", out, tuitest.View(s))
	}
	s = New(ctx, db, "initech")
	s.SetSize(78, 20)
	s, _ = tuitest.Run(s, s.Init())
	if v := tuitest.View(s); !strings.Contains(v, "No No's from “initech” yet.") {
		t.Errorf("nobody:\n%s", v)
	}
}

// A taller screen shows more of their No's, up to nosMost; a short one
// keeps nosShown and scrolls.
func TestPrepCardShowsMoreNosWhenTaller(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	for i := range 7 {
		tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: today.AddDays(-i), Reason: "price", Said: fmt.Sprintf("No number %d", i)})
	}
	var s common.Screen = New(ctx, db, "acme")
	s.SetSize(78, 20)
	s, _ = tuitest.Run(s, s.Init())
	// The card with two No's is 15 lines here (no odds, no debrief).
	for _, c := range []struct{ h, want int }{{20, 5}, {16, 3}, {15, 2}, {10, 2}, {60, 5}} {
		s.SetSize(78, c.h)
		if got := strings.Count(ansi.Strip(strings.Join(s.(*Model).lines(78), "\n")), "No number"); got != c.want {
			t.Errorf("height %d shows %d No's, want %d", c.h, got, c.want)
		}
		if v := tuitest.View(s); len(strings.Split(v, "\n")) > c.h {
			t.Errorf("height %d: the view has %d lines", c.h, len(strings.Split(v, "\n")))
		}
	}
}
