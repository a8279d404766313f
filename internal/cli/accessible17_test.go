package cli

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// In school mode the accessible log asks the exam wrapper — how I
// prepared, the kind of mistake (each with what it covers), what I will do
// differently — and no stage; each is optional.
func TestAccessibleLogAsksTheExamWrapper(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	// who, contact, said, reason (1: decide later), whose reason, turnaround,
	// prepared, mistake (4 = time: skip is 1), differently, follow-up.
	in := "Ms Rivera\n\nRushed ending\n1\n\n\nFlashcards the night before\n4\nStart a week earlier\n\n"
	out, errs, code := runAccessible(t, db, in, "--mode", "school", "log")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "How did you prepare?", "What kind of mistake cost the most marks?",
		"4. Time — I ran out of time or rushed the end.", "What will you do differently next time?", "Saved No #1")
	n := onlyNo(t, st)
	if n.Prepared != "Flashcards the night before" || n.Mistake != "time" || n.Lesson != "Start a week earlier" || n.Stage != "" {
		t.Fatalf("stored %+v", n)
	}
}

// The accessible reflection asks "Did you do it?" about today's intention
// (the last reflection's) before tomorrow's, and home says the intention;
// without an intention it is not asked.
func TestAccessibleReflectClosesTheLoop(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	if _, err := st.SaveReflection(journal.Reflection{Date: "2026-11-20", Intention: "Send two follow-ups"}); err != nil {
		t.Fatal(err)
	}
	// mood, the prompt, no ritual (the last option), a win, kept (2 = partly), an intention.
	in := "3\n\n6\nBooked a demo\n2\nAsk about the timeline\n"
	out, errs, code := runAccessible(t, db, in, "reflect")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "Step 5 of 5 · Tomorrow", "Today's intention: Send two follow-ups.", "Did you do what you meant to do today?",
		"2. Partly", "What follow-up question will you ask next time?", "Reflection saved.")
	r, _, err := st.Reflection("2026-11-23")
	if err != nil || r.IntentionKept != journal.KeptPartly || r.Intention != "Ask about the timeline" {
		t.Fatalf("saved %+v (%v)", r, err)
	}
	// Home (the menu; 11 quits) says today's intention with the answer.
	out, errs, code = runAccessible(t, db, "11\n")
	if code != 0 {
		t.Fatalf("home: exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "Today's intention: Send two follow-ups (partly done)", "What next?")

	// No intention before today: not asked.
	db2, st2 := accDB(t)
	out, errs, code = runAccessible(t, db2, "3\n\n6\n\n\n", "reflect")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	if r, _, _ := st2.Reflection("2026-11-23"); r.IntentionKept != "" || strings.Contains(out, "Did you do what you meant") {
		t.Fatalf("asked without an intention:\n%s", out)
	}
}
