package reflectview

import (
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func toBreathing(t *testing.T, ctx *common.Context, db *store.Store) (*Model, *fakeClock) {
	t.Helper()
	m, clk := open(t, ctx, db)
	m = press(t, m, "enter")
	m = press(t, m, "enter")
	m = pickRitual(t, m, "breathing")
	wantStep(t, m, stepRitual, "A minute of deep breathing", "Inhale", "Inhale slowly through your nose", "1:00")
	return m, clk
}

func tick(t *testing.T, m *Model) *Model {
	t.Helper()
	s, cmd := m.Update(tickMsg{gen: m.gen})
	m = s.(*Model)
	if !m.phase.Done && cmd == nil {
		t.Fatal("a running timer did not ask for the next frame")
	}
	return m
}

func TestBreathingTimerFollowsTheClock(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m, clk := toBreathing(t, ctx, db)
	start := clk.t

	clk.set(start, 2*time.Second)
	m = tick(t, m)
	wantStep(t, m, stepRitual, "Inhale  2", "0:58")
	mid := tuitest.View(m)

	clk.set(start, 4500*time.Millisecond)
	m = tick(t, m)
	wantStep(t, m, stepRitual, "Hold  2", "Hold")
	// The shape is fuller while holding than halfway through the breath in.
	if strings.Count(tuitest.View(m), "█") <= strings.Count(mid, "█") {
		t.Errorf("the shape did not grow:\n%s\nthen\n%s", mid, tuitest.View(m))
	}

	clk.set(start, 9*time.Second)
	m = tick(t, m)
	wantStep(t, m, stepRitual, "Exhale  3", "Exhale slowly through your mouth", "0:51")

	// A tick from an earlier run changes nothing.
	clk.set(start, 13*time.Second)
	s, cmd := m.Update(tickMsg{gen: m.gen - 1})
	m = s.(*Model)
	if cmd != nil || !strings.Contains(tuitest.View(m), "Exhale") {
		t.Fatalf("a stale tick moved the timer:\n%s", tuitest.View(m))
	}

	// Pause: time stands still until space again.
	m = press(t, m, "space")
	wantStep(t, m, stepRitual, "Paused", "space resumes")
	clk.advance(time.Hour)
	s, _ = m.Update(tickMsg{gen: m.gen})
	m = s.(*Model)
	if !m.paused || m.phase.Step.Word != "Inhale" || m.phase.Round != 1 {
		t.Fatalf("paused timer moved: %+v", m.phase)
	}
	m, _ = send(t, m, tuitest.Key("space"))
	clk.advance(3 * time.Second) // 13 s before the pause + 3 s = 16 s: round 1, hold
	m = tick(t, m)
	wantStep(t, m, stepRitual, "Hold")

	clk.advance(time.Minute)
	s, cmd = m.Update(tickMsg{gen: m.gen})
	m = s.(*Model)
	if cmd != nil {
		t.Error("a finished timer keeps ticking")
	}
	wantStep(t, m, stepRitual, "That's a minute.", "enter to go on")
	m = press(t, m, "enter")
	wantStep(t, m, stepWin)
	if r := m.Reflection(); r.Ritual != "breathing" {
		t.Errorf("ritual %q, want breathing", r.Ritual)
	}
}

func TestBreathingCanBeSkipped(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"s", "enter", "esc"} {
		ctx, db := tuitest.Context(t)
		m, _ := toBreathing(t, ctx, db)
		gen := m.gen
		m = press(t, m, k)
		wantStep(t, m, stepWin, "step 4 of 5")
		// The animation stops: a tick of the skipped run does nothing.
		if _, cmd := m.Update(tickMsg{gen: gen}); cmd != nil {
			t.Errorf("%s: the skipped timer still ticks", k)
		}
	}
}

func TestPastWinShowsAYesNo(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	n := journal.No{Who: "Initech", Offer: "Annual plan", Date: today.AddDays(-23), Lesson: "Ask about budget cycles"}
	n.SetOutcome(journal.OutcomeOpen, tuitest.Now.AddDate(0, 0, -23))
	n.SetOutcome(journal.OutcomeYes, tuitest.Now.AddDate(0, 0, -1))
	tuitest.Add(t, db, n)
	tuitest.Add(t, db, journal.No{Who: "Still Open Co"})

	m, _ := open(t, ctx, db)
	m = press(t, m, "enter", "enter")
	m = pickRitual(t, m, "win")
	wantStep(t, m, stepRitual, "Re-read a past win", "Initech said yes", "Annual plan", "22 days after their no",
		"Ask about budget cycles", "a no that turned into a yes", "enter when you're done")
	if strings.Contains(tuitest.View(m), "Still Open Co") {
		t.Error("an open No is shown as a win")
	}
	m = press(t, m, "enter")
	wantStep(t, m, stepWin)
}

func TestPastWinWhenThereIsNone(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	tuitest.Add(t, db, journal.No{Who: "Still Open Co"})
	m, _ := open(t, ctx, db)
	m = press(t, m, "enter", "enter")
	m = pickRitual(t, m, "win")
	wantStep(t, m, stepRitual, "No wins logged yet — today's might be the first.")
}

func TestPastWinFromAWinOrAReflection(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	if _, err := db.SaveReflection(journal.Reflection{Date: today.AddDays(-3), Win: "Got a referral from Hooli", CompletedAt: tuitest.Now}); err != nil {
		t.Fatal(err)
	}
	m, _ := open(t, ctx, db)
	m = press(t, m, "enter", "enter")
	m = pickRitual(t, m, "win")
	wantStep(t, m, stepRitual, "Got a referral from Hooli", "from that day's reflection")
}
