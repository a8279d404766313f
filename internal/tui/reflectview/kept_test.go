package reflectview

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

var shiftTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}

// toWin walks the first three steps quickly (ritual skipped) to the win.
func toWin(t *testing.T, m *Model) *Model {
	t.Helper()
	m = press(t, m, "enter", "enter")
	m = pickRitual(t, m, "")
	wantStep(t, m, stepWin)
	return m
}

// The intention saved in the last reflection before today is asked about
// ("Did you do it?") before tomorrow's, in step 5; shift+tab goes back to
// it; the answer is stored as intention_kept.
func TestReflectionAsksWhetherTheIntentionWasKept(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	for _, r := range []journal.Reflection{
		{Date: today.AddDays(-9), Intention: "An old one"},
		{Date: today.AddDays(-3), Intention: "Send two follow-ups"}, // the last earlier day's
	} {
		if _, err := db.SaveReflection(r); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := open(t, ctx, db)
	m = toWin(t, m)
	m = typeText(m, "Booked a demo")
	m = press(t, m, "enter")
	wantStep(t, m, stepKept, "step 5 of 5 · Tomorrow", "Did you do what you meant to do today?",
		"Today's intention: Send two follow-ups", "Yes", "Partly", "Not yet", "Skip this question")
	m = press(t, m, "down", "down", "enter") // from skip (the last) down wraps to Yes, then Partly
	wantStep(t, m, stepIntention, "step 5 of 5")
	m, _ = send(t, m, shiftTab)
	wantStep(t, m, stepKept, "> Partly")
	m = press(t, m, "enter")
	m = typeText(m, "Ask about the timeline")
	m = press(t, m, "enter")
	wantStep(t, m, stepDone)
	r, _, err := db.Reflection(today)
	if err != nil {
		t.Fatal(err)
	}
	if r.IntentionKept != journal.KeptPartly || r.Intention != "Ask about the timeline" {
		t.Errorf("stored %+v", r)
	}
	// Tomorrow, the intention is this one's.
	last, ok, err := db.LastReflectionBefore(today.AddDays(1))
	if err != nil || !ok || last.Intention != "Ask about the timeline" {
		t.Errorf("tomorrow's intention: %q %v %v", last.Intention, ok, err)
	}
}

// Without an intention before today (none saved, or the last reflection
// had none) the question is not asked, and nothing is stored for it.
func TestReflectionWithoutAnIntentionDoesNotAsk(t *testing.T) {
	t.Parallel()
	for _, earlier := range []string{"none", "without an intention"} {
		ctx, db := tuitest.Context(t)
		today := journal.Today(tuitest.Now)
		if earlier != "none" {
			if _, err := db.SaveReflection(journal.Reflection{Date: today.AddDays(-1), Mood: 2, Win: "A win"}); err != nil {
				t.Fatal(err)
			}
		}
		m, _ := open(t, ctx, db)
		m = toWin(t, m)
		m = press(t, m, "enter")
		wantStep(t, m, stepIntention, "step 5 of 5")
		m, _ = send(t, m, shiftTab)
		wantStep(t, m, stepWin)
		m = press(t, m, "enter", "enter")
		wantStep(t, m, stepDone)
		r, _, err := db.Reflection(today)
		if err != nil || r.IntentionKept != "" {
			t.Errorf("%s: stored %+v (%v)", earlier, r, err)
		}
	}
}

// A second session the same day starts from the first one's answer.
func TestSecondSessionKeepsTheAnswer(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	for _, r := range []journal.Reflection{
		{Date: today.AddDays(-1), Intention: "Call Globex"},
		{Date: today, Mood: 3, Win: "First session", IntentionKept: journal.KeptNotYet},
	} {
		if _, err := db.SaveReflection(r); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := open(t, ctx, db)
	m = toWin(t, m)
	m = press(t, m, "enter")
	wantStep(t, m, stepKept, "> Not yet")
	m = press(t, m, "up", "up", "enter", "enter") // Yes
	wantStep(t, m, stepDone)
	r, _, err := db.Reflection(today)
	if err != nil || r.IntentionKept != journal.KeptYes {
		t.Errorf("stored %+v (%v)", r, err)
	}
}
