package main

// The README's 60-second tour, walked in the built binary in a real
// pseudo-terminal: first-run welcome, log a No through the form, reframe it
// in nine steps, reflect, then streak, insights and follow-ups, and quit.
// Every step waits for the focused field ("┃ <title>") before typing: huh
// moves between fields asynchronously, and keys sent early land in the
// previous field.

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// has fails the test unless the screen shows every one of wants.
func (tm *term) has(screen, where string, wants ...string) {
	tm.t.Helper()
	for _, w := range wants {
		if !strings.Contains(screen, w) {
			tm.t.Fatalf("%s: the screen lacks %q:\n%s", where, w, screen)
		}
	}
}

// lacks fails the test if the screen shows any of bad.
func (tm *term) lacks(screen, where string, bad ...string) {
	tm.t.Helper()
	for _, b := range bad {
		if strings.Contains(screen, b) {
			tm.t.Fatalf("%s: the screen still shows %q:\n%s", where, b, screen)
		}
	}
}

func TestTour(t *testing.T) {
	skipShort(t)
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	followUp := time.Now().AddDate(0, 0, 14).Format("2006-01-02") // "in 2 weeks"
	tm := startTerm(t, 100, 30, "--db", db)

	// 1. A fresh journal opens on the welcome: sales, a name, the workdays
	// (Monday to Friday preselected in sales), a weekly goal.
	s := tm.waitFor("Welcome to Rebound")
	tm.has(s, "welcome", "rebound › Welcome", "> Sales")
	tm.waitFor("┃ Where do you hear no most?")
	tm.keys("Enter") // Sales is the first choice
	tm.waitFor("┃ Your name")
	tm.typeText("Sam")
	tm.keys("Enter")
	s = tm.waitFor("┃ Which days count for your streak?")
	tm.has(s, "workdays", "✓ Friday")
	tm.keys("Enter") // Monday to Friday
	tm.waitFor("┃ Weekly goal")
	tm.keys("Left") // 5 → 4 days a week
	tm.waitFor("← 4 days a week →")
	tm.keys("Enter")

	// 2. Home greets them and says what to do next.
	// The greeting and the status line come in either order.
	tm.waitFor("Settings saved: Sales mode")
	s = tm.waitFor("Hi Sam")
	tm.has(s, "home (empty)", "rebound › Home", "Sales", "No No's yet", "press n",
		"Settings saved: Sales mode, Monday to Friday, 4 days a week.", "n log a No")

	// 3. n logs a No through the short form.
	tm.keys("n")
	s = tm.waitFor("┃ Who said no?")
	tm.has(s, "log form", "rebound › Log a No")
	tm.typeText("Acme Corp")
	tm.keys("Enter")
	tm.waitFor("┃ Your contact there")
	tm.keys("Enter")
	tm.waitFor("┃ What did they say")
	tm.typeText("We're worried about hidden fees.")
	tm.keys("Tab")
	tm.waitFor("┃ Why, as far as you know?")
	tm.keys("Down") // the first reason after "(decide later)"
	tm.waitFor("> Too expensive")
	tm.keys("Enter")
	tm.waitFor("┃ Is that what they told you")
	tm.keys("Down") // they told me
	tm.waitFor("> They told me")
	tm.keys("Enter")
	tm.waitFor("┃ What else weighed")
	tm.keys("Enter") // no secondary reasons
	tm.waitFor("┃ At what stage")
	tm.keys("Enter") // no stage
	tm.waitFor("┃ What would need to change")
	tm.keys("Enter") // not asked yet: the reframe comes back to it
	tm.waitFor("┃ Follow up on")
	tm.typeText("in 2 weeks")
	tm.keys("Enter")
	tm.waitFor("Saved No #1")
	s = tm.waitFor("1 No today") // home reloads a moment after the save
	tm.has(s, "home after log", "Acme Corp, follow up "+followUp, "1 No today", "1 waiting to be reframed",
		"Waiting to be reframed", "We're worried about hidden fees.")

	// 4. enter on the waiting No opens the reframe flow: nine steps.
	tm.keys("Enter")
	s = tm.waitFor("Step 1 of 9 · What they said")
	tm.has(s, "reframe step 1", "rebound › Reframe No #1", "Acme Corp")
	s = tm.waitFor("┃ What did the prospect actually say?")
	tm.has(s, "reframe step 1", "┃ We're worried about hidden fees.") // what the form logged
	tm.keys("Tab")
	tm.waitFor("┃ How much did it sting?")
	tm.keys("Right", "Right", "Right", "Right")
	tm.waitFor("← 4 — it hurt a lot →")
	tm.keys("Enter")

	s = tm.waitFor("Step 2 of 9 · The real reason")
	tm.has(s, "reframe step 2", "The prospect said:") // their words stay in sight
	tm.waitFor("┃ What reason did you assume at first?")
	tm.keys("Right")
	tm.waitFor("← Too expensive →")
	tm.keys("Enter")
	tm.waitFor("┃ What is the real reason")
	tm.typeText("They got burned by surprise fees last year")
	tm.keys("Enter")
	tm.waitFor("┃ Which reason is closest?")
	// The logged reason (Too expensive) is selected; hidden fees is six below.
	tm.keys("Down", "Down", "Down", "Down", "Down", "Down")
	tm.waitFor("┃ > Hidden fees / pricing confusion")
	tm.keys("Enter")

	tm.waitFor("Step 3 of 9 · Kind of no")
	tm.waitFor("┃ What kind of no was it?")
	tm.keys("Down", "Down", "Down", "Down")
	s = tm.waitFor("┃ > Not understood")
	tm.has(s, "reframe step 3", "clear up the misunderstanding") // the kind is explained
	tm.keys("Enter")

	tm.waitFor("Step 4 of 9 · The turnaround")
	tm.waitFor("┃ What would need to change for us to revisit this?")
	tm.typeText("A line-item quote with no surprises")
	tm.keys("Enter")
	tm.waitFor(`┃ Ask them: "Could you point me to someone this would fit?"`)
	tm.keys("Enter") // not yet
	tm.waitFor("┃ Who did they point you to?")
	tm.keys("Enter")

	tm.waitFor("Step 5 of 9 · The alternative")
	tm.waitFor("┃ Did they choose a competitor?")
	tm.keys("Enter") // nobody
	tm.waitFor("┃ Why that choice")
	tm.keys("Enter")

	// The thought record: the thought, its traps, the evidence with the
	// No's facts in view, a balanced way to put it.
	tm.waitFor("Step 6 of 9 · Your thought")
	tm.waitFor("┃ What went through your mind when you heard no?")
	tm.typeText("They'll never trust us again")
	tm.keys("Enter")
	tm.waitFor("Step 7 of 9 · Thinking traps")
	tm.waitFor("┃ > • Personalising")
	tm.keys("Down", "Down")
	tm.waitFor("Fortune telling: “They'll never change their minds.”")
	tm.keys("x", "Enter")
	s = tm.waitFor("Step 8 of 9 · The evidence")
	tm.has(s, "reframe step 8", "What would need to change: A line-item quote with no surprises", "Your thought: They'll never trust us again")
	tm.waitFor("┃ What supports that thought?")
	tm.typeText("They said no")
	tm.keys("Enter")
	tm.waitFor("┃ What doesn't support it?")
	tm.typeText("They told me exactly what would change it")
	tm.keys("Enter")
	tm.waitFor("┃ A more balanced way to put it?")
	tm.typeText("Not with surprise fees; a clear quote may win them back")
	tm.keys("Enter")

	s = tm.waitFor("Step 9 of 9 · Your reframe")
	s = tm.waitFor("┃ What does this no teach you?")
	tm.has(s, "reframe step 9", "> "+followUp) // the follow-up from the log form
	tm.typeText("Show the full price up front, line by line")
	tm.keys("Tab")
	tm.waitFor("┃ What is your next step")
	tm.typeText("Send a line-item quote")
	tm.keys("Enter")
	tm.waitFor("┃ Follow up on")
	tm.keys("Enter")
	tm.waitFor("┃ How much does it sting now?")
	tm.keys("Right", "Right")
	tm.waitFor("← 2 — a little →")
	tm.keys("Enter")

	// 5. Back home: the No is a lesson now, and the day is active.
	tm.waitFor("Reframed. No #1 (Acme Corp)")
	s = tm.waitFor("0 waiting to be reframed") // home reloads a moment after the save
	tm.has(s, "home after reframe", "Hi Sam", "0 waiting to be reframed", "Every No is reframed",
		"1-day streak", "today's reflection not done yet")

	// 6. r: the daily reflection, skipping the breathing timer.
	tm.keys("r")
	s = tm.waitFor("step 1 of 5 · How today felt")
	tm.has(s, "reflect step 1", "rebound › Reflect", "You logged 1 No today.")
	tm.waitFor("┃ How are you feeling right now?")
	tm.keys("Enter") // 3 · Okay
	tm.waitFor("step 2 of 5 · A question for today")
	tm.waitFor("┃ As much or as little as you like") // the prompt itself rotates daily
	tm.typeText("Asking why instead of guessing")
	tm.keys("Enter")
	tm.waitFor("step 3 of 5 · Bounce back")
	tm.waitFor("┃ > A minute of deep breathing")
	tm.keys("Enter")
	s = tm.waitFor("Inhale")
	tm.has(s, "breathing", "A minute of deep breathing", "s/enter skip")
	tm.keys("s")
	tm.waitFor("step 4 of 5 · One win")
	tm.waitFor("┃ What is one win from today")
	tm.typeText("Asked Acme for the real reason")
	tm.keys("Enter")
	tm.waitFor("step 5 of 5 · Tomorrow")
	tm.waitFor("┃ Tomorrow's intention")
	tm.typeText("Ask what would need to change")
	tm.keys("Enter")
	s = tm.waitFor("Day marked active.")
	tm.has(s, "reflect done", "1 active day in a row", "Ask what would need to change")
	tm.keys("Enter")
	s = tm.waitFor("✓ today's reflection done")
	tm.has(s, "home after reflect", "1-day streak")

	// 7. s: the streak.
	tm.keys("s")
	s = tm.waitFor("Current streak  1 day")
	tm.has(s, "streak", "rebound › Streak", "Longest streak  1 day", "Total           1 active day",
		"1 of 4 active days", "today ↑")
	tm.keys("Escape")
	tm.waitFor("Hi Sam")

	// 8. i: insights, honest about having too little data.
	tm.keys("i")
	s = tm.waitFor("patterns appear after about 10")
	tm.has(s, "insights", "rebound › Insights", "1 No so far", "1 No · 1 reframed",
		"Hidden fees / pricing confusion 1", "Not understood 1")
	tm.keys("Escape")
	tm.waitFor("Hi Sam")

	// 9. f: the follow-up set in the log form and kept by the reframe.
	tm.keys("f")
	s = tm.waitFor("rebound › Follow-ups")
	s = tm.waitFor("Acme Corp")
	tm.has(s, "follow-ups", "0 overdue · 0 today · 1 in the next 14 days", followUp,
		"A line-item quote with no surprises", "Send a line-item quote")

	// 10. q goes back home, q again quits.
	tm.keys("q")
	tm.waitFor("Hi Sam")
	tm.keys("q")
	deadline := time.Now().Add(5 * time.Second)
	for s = tm.screen(); strings.Contains(s, "rebound ›"); s = tm.screen() {
		if time.Now().After(deadline) {
			t.Fatalf("q on home did not quit:\n%s", s)
		}
		time.Sleep(30 * time.Millisecond)
	}

	// The journal holds what the screens showed.
	out, errOut, code := run(t, db, "show", "1", "--json")
	if code != 0 {
		t.Fatalf("show 1 --json: exit %d %s", code, errOut)
	}
	var no map[string]any
	if err := json.Unmarshal([]byte(out), &no); err != nil {
		t.Fatalf("show 1 --json: %v\n%s", err, out)
	}
	for k, want := range map[string]any{
		"who": "Acme Corp", "said": "We're worried about hidden fees.", "assumed": "price",
		"reason": "hidden-fees", "reason_text": "They got burned by surprise fees last year",
		"kind": "not-understood", "change": "A line-item quote with no surprises",
		"lesson": "Show the full price up front, line by line", "next": "Send a line-item quote",
		"follow_up": followUp, "feeling": float64(4), "feeling_after": float64(2), "outcome": "open",
	} {
		if no[k] != want {
			t.Errorf("show 1: %s = %#v, want %#v", k, no[k], want)
		}
	}
	out, errOut, code = run(t, db, "streak", "--print")
	if code != 0 || !strings.Contains(out, "current streak  1 day") || !strings.Contains(out, "1-day streak") {
		t.Fatalf("streak --print: exit %d %s\n%s", code, errOut, out)
	}
}
