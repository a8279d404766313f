// Accessible mode's tests (about 420 lines): each form asked as plain
// prompts from piped lines, one test per flow, sharing the runner above them.
package cli

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

var accNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)

// runAccessible runs the command line in-process in accessible mode with
// the given lines piped on stdin (no terminal anywhere).
func runAccessible(t *testing.T, db, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	stdout, stderr, code = runCLI(t, accNow, stdin, db, append([]string{"--accessible"}, args...)...)
	if strings.Contains(stdout, "\x1b") {
		t.Errorf("accessible output holds escape codes:\n%q", stdout)
	}
	return stdout, stderr, code
}

func accDB(t *testing.T) (string, *store.Store) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "r.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	set := journal.DefaultSettings()
	set.Welcomed = true
	if err := st.SaveSettings(set); err != nil {
		t.Fatal(err)
	}
	return db, st
}

func onlyNo(t *testing.T, st *store.Store) journal.No {
	t.Helper()
	nos, _, err := st.ListNos(store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(nos) != 1 {
		t.Fatalf("want 1 No stored, have %d", len(nos))
	}
	return nos[0]
}

// inOrder fails unless every want appears in s, in this order.
func inOrder(t *testing.T, s string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(s[at:], w)
		if i < 0 {
			t.Fatalf("%q missing (or out of order) in:\n%s", w, s)
		}
		at += i + len(w)
	}
}

func TestAccessibleLogFromPipedLines(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	// who, contact, said, reason (2 = the second option: price), whose
	// reason (2 = they told me), the other reasons (2 = timing, the second
	// without price; 0 ends), the stage (3 = demo), turnaround answer,
	// follow-up.
	out, errs, code := runAccessible(t, db, "Acme Corp\nDana\nToo pricey for us\n2\n2\n2\n0\n3\nA smaller first order\nin 2 weeks\n", "log")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "Who said no?", "What did they say, exactly?", "Why, as far as you know?", "2. Too expensive",
		"Enter a number between 1 and 13", "0 when done", "What else weighed in their decision?", "No budget — The money is not there", "0.   Confirm selection",
		"Each stage comes with what it covers.", "At what stage was the deal lost?", "3. Demo — Showing the offer working for them.",
		"Follow up on", "Saved No #1: Acme Corp (2026-11-23, price); follow up 2026-12-07.")
	n := onlyNo(t, st)
	if n.Who != "Acme Corp" || n.Contact != "Dana" || n.Said != "Too pricey for us" || n.Reason != "price" || n.Change != "A smaller first order" ||
		n.FollowUp != "2026-12-07" || n.Mode != "sales" || n.Date != "2026-11-23" || n.Stage != "demo" || !slices.Equal(n.SecondaryReasons, []string{"timing"}) {
		t.Fatalf("stored %+v", n)
	}
}

func TestAccessibleLogSaysWhatIsWrongAndAsksAgain(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	// An empty who, a reason out of range and a date it can't read are each
	// refused in words and asked again; the answers that follow are kept.
	out, errs, code := runAccessible(t, db, "\nInitech\n\n\n99\n4\n2\n0\n\n\nnext blursday\ntomorrow\n", "log")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "who said no? a name is enough", "Who said no?",
		"Invalid: must be a number between 1 and 13", `can't read the date "next blursday"`, "Saved No #1: Initech")
	n := onlyNo(t, st)
	if n.Who != "Initech" || n.Reason != "timing" || n.FollowUp != "2026-11-24" || n.Said != "" {
		t.Fatalf("stored %+v", n)
	}
}

func TestAccessibleLogInputEndingSavesNothing(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	for _, in := range []string{"", "Acme\nthey said no\n", "Acme\n\nthey said no\nabc"} {
		_, errs, code := runAccessible(t, db, in, "log")
		if code != ExitFailure || !strings.Contains(errs, "the input ended before the last question; nothing was saved") {
			t.Fatalf("input %q: exit %d, stderr %q", in, code, errs)
		}
	}
	if n, _ := st.Count(); n != 0 {
		t.Fatalf("%d No's stored after input that ended early", n)
	}
}

func TestAccessibleLogWithFlagsNeedsNoForm(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	out, _, code := runAccessible(t, db, "", "log", "--who", "Globex", "--reason", "budget")
	if code != 0 || !strings.HasPrefix(out, "Saved No #1: Globex") || strings.Contains(out, "Who said no?") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if n := onlyNo(t, st); n.Reason != "budget" {
		t.Fatalf("stored %+v", n)
	}
}

func TestAccessibleReframeSavesEachStepAndResumes(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	n := journal.No{Who: "Acme Corp", Said: "Too pricey", Date: "2026-11-20", Mode: "sales"}
	if err := st.AddNo(&n, accNow); err != nil {
		t.Fatal(err)
	}
	id := "1"
	// Steps 1–3, then the input ends inside step 4.
	first := "\n3\n" + // said kept, feeling 3 (the number typed is the sting's)
		"2\nBudget frozen until Q2\n3\n" + // assumed price, their words, reason budget
		"2\n" // kind: not now
	out, errs, code := runAccessible(t, db, first, "reframe", id)
	if code != ExitFailure || !strings.Contains(errs, "the input ended at step 4") {
		t.Fatalf("exit %d, stderr %q\n%s", code, errs, out)
	}
	inOrder(t, out, "Step 1 of 9 · What they said", "Now: Too pricey", "How much did it sting?",
		"1. 1 — barely", "3. 3 — it hurt", "5. 5 — it really stung", "6. skip — leave it blank",
		"Step 2 of 9 · The real reason", "The prospect said: Too pricey", "Which reason is closest?",
		"Step 3 of 9 · Kind of no", "Not now", "Step 4 of 9 · The turnaround", "Draft saved on No #1 at step 4 of 9")
	got, err := st.GetNo(1)
	if err != nil {
		t.Fatal(err)
	}
	if got.ReframeStep != 4 || got.Feeling != 3 || got.Assumed != "price" || got.Reason != "budget" ||
		got.ReasonText != "Budget frozen until Q2" || got.Kind != journal.KindNotNow || got.Said != "Too pricey" {
		t.Fatalf("draft after step 3: %+v", got)
	}

	// Resume at step 4 and finish; "none" clears the suggested follow-up.
	rest := "A pilot in Q2\n" + // turnaround
		"\n\n" + // the referral: not asked (kept), nobody
		"\n\n" + // no competitor
		"\n" + // no thought: the thought record is skipped
		"Ask about budget on the first call\nCall them in March\nnone\n1\n"
	out, errs, code = runAccessible(t, db, rest, "reframe", id)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "Welcome back: your draft resumes at step 4.", "Step 4 of 9", "Step 5 of 9", "Step 6 of 9 · Your thought",
		"Step 9 of 9 · Your reframe", "Suggested: ", "Reframed No #1 (Acme Corp).")
	if strings.Contains(out, "Step 3 of 9") || strings.Contains(out, "Step 7 of 9") {
		t.Fatalf("the resumed flow asked step 3 again, or the skipped thought record:\n%s", out)
	}
	got, _ = st.GetNo(1)
	if got.ReframeStep != 0 || !got.Reframed() || got.Change != "A pilot in Q2" || got.Lesson != "Ask about budget on the first call" ||
		got.Next != "Call them in March" || got.FollowUp != "" || got.FeelingAfter != 1 || got.ReframedAt == nil {
		t.Fatalf("after the flow: %+v", got)
	}
}

func TestAccessibleReflectTellsTheBreathingAsText(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	// mood 2, the prompt's answer, ritual 1 (breathing), enter when done, a win, an intention.
	in := "2\nI felt flat, then better\n1\n\nAsked a sharp question\nAsk about budget early\n"
	start := time.Now()
	out, errs, code := runAccessible(t, db, in, "reflect")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("the breathing ritual waited instead of printing the steps")
	}
	inOrder(t, out, "Step 1 of 5 · How today felt", "Step 2 of 5 · A question for today", "Step 3 of 5 · Bounce back",
		"A minute of deep breathing.", "Inhale slowly through your nose for 4 s, hold for 2 s, exhale slowly through your mouth for 6 s — repeat for a minute",
		"Press enter when you're done.", "Step 4 of 5 · One win", "Step 5 of 5 · Tomorrow",
		"Reflection saved. Day 2026-11-23 is active.", "Tomorrow's intention: Ask about budget early")
	r, ok, err := st.Reflection("2026-11-23")
	if err != nil || !ok {
		t.Fatalf("no reflection saved: %v", err)
	}
	if r.Mood != 2 || r.Ritual != "breathing" || r.Win != "Asked a sharp question" || r.Intention != "Ask about budget early" ||
		len(r.Answers) != 1 || r.Answers[0].Answer != "I felt flat, then better" {
		t.Fatalf("saved %+v", r)
	}
}

func TestAccessibleSettingsForm(t *testing.T) {
	t.Parallel()
	db, _ := accDB(t)
	// A journal that never chose its days keeps all seven; 6 and 7 take
	// the weekend off, 0 confirms.
	out, errs, code := runAccessible(t, db, "2\nSam Rivera\n6\n7\n0\n3\n", "settings")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "Where do you hear no most?", "2. Job search", "Your name (optional)",
		"Which days count for your streak?", "6. ✓ Saturday", "6.   Saturday", "7.   Sunday", "0.   Confirm selection",
		"Weekly goal", "Settings saved.", "Job search (job)", "Workdays:    Monday to Friday",
		"Workdays are now Monday to Friday; past streaks are recounted")
	want := journal.Settings{Mode: "job", Name: "Sam Rivera", WeekGoal: 3, Welcomed: true, Workdays: []string{"mon", "tue", "wed", "thu", "fri"}}
	if got := storedSettings(t, db); !got.Equal(want) {
		t.Fatalf("settings %+v, want %+v", got, want)
	}
	// With a flag, no form.
	out, _, code = runAccessible(t, db, "", "settings", "--print")
	if code != 0 || strings.Contains(out, "Where do you hear no most?") || !strings.Contains(out, "Sam Rivera") {
		t.Fatalf("settings --print in accessible mode (exit %d):\n%s", code, out)
	}
}

// TestAccessibleSettingsWorkdaysFollowTheMode: on first run the days asked
// follow the mode just answered (job: Monday to Friday, personal: every
// day); a later edit of the days says past streaks are recounted; a goal
// above the workdays is asked again.
func TestAccessibleSettingsWorkdaysFollowTheMode(t *testing.T) {
	t.Parallel()
	job := filepath.Join(t.TempDir(), "job.db")
	out, errs, code := runAccessible(t, job, "2\n\n0\n\n", "settings")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "Four quick choices", "5. ✓ Friday", "6.   Saturday", "Workdays:    Monday to Friday")
	if got := storedSettings(t, job); got.Mode != "job" || !slices.Equal(got.Workdays, journal.WeekdaysOnly.IDs()) || strings.Contains(out, "recounted") {
		t.Fatalf("job stored %+v:\n%s", got, out)
	}
	db := filepath.Join(t.TempDir(), "personal.db")
	out, errs, code = runAccessible(t, db, "4\n\n0\n\n", "settings")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	if got := storedSettings(t, db); got.Mode != "personal" || len(got.Workdays) != 7 || strings.Contains(out, "recounted") {
		t.Fatalf("personal stored %+v:\n%s", got, out)
	}
	// Saturday and Sunday off, then a goal of 7 (refused), then 4.
	out, errs, code = runAccessible(t, db, "\n\n6\n7\n0\n7\n4\n", "settings")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "your week has 5 workdays; choose a goal up to 5", "Settings saved.", "Workdays:    Monday to Friday",
		"Weekly goal: 4 active days a week", "past streaks are recounted")
	if got := storedSettings(t, db); !slices.Equal(got.Workdays, journal.WeekdaysOnly.IDs()) || got.WeekGoal != 4 {
		t.Fatalf("stored %+v", got)
	}
}

func TestAccessibleDebriefAnswers(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	n := journal.No{Who: "Acme Corp", Date: "2026-11-20", Mode: "sales"}
	if err := st.AddNo(&n, accNow); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runAccessible(t, db, "A referral\nPrice\n\n\nA smaller plan\n", "debrief", "1", "--answers")
	if code != 0 || !strings.Contains(out, "Saved 3 debrief answers for Acme Corp.") {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	got, _ := st.GetNo(1)
	if len(got.Debrief) != 3 || got.Debrief[0].Answer != "A referral" || got.Debrief[2].Answer != "A smaller plan" ||
		!strings.Contains(got.Debrief[2].Prompt, "change your mind") {
		t.Fatalf("debrief %+v", got.Debrief)
	}
	// Without --answers: the kit as plain text.
	out, _, code = runAccessible(t, db, "", "debrief", "1")
	if code != 0 || !strings.Contains(out, "Subject: Can I ask a quick favor?") || !strings.Contains(out, "↳ A referral") {
		t.Fatalf("debrief kit (exit %d):\n%s", code, out)
	}
}

func TestAccessibleHomeSaysTheFiguresAndLoops(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	// First run with an empty journal: the welcome, then the figures.
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	out, errs, code := runAccessible(t, fresh, "1\n\n0\n5\n\n") // sales, no name, Monday to Friday, goal 5
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "Welcome to Rebound", "Settings saved.", "Today: 0 No's. This week: 0 No's.",
		"No No's yet: choose Log a No right after your next call.", "Streak: No streak right now", "What next?", "Quit")
	if !storedSettings(t, fresh).Welcomed {
		t.Fatal("the welcome was not saved")
	}

	n := journal.No{Who: "Acme Corp", Date: "2026-11-23", Mode: "sales", FollowUp: "2026-11-23"}
	if err := st.AddNo(&n, accNow); err != nil {
		t.Fatal(err)
	}
	// Menu: 1 log, then (with Globex waiting too) 2 reframe #2, 3 reframe #1,
	// 4 reflect, 5 journal, 6 streak, 7 insights, 8 follow-ups, 9 weekly review,
	// 10 settings, 11 quit.
	in := "1\nGlobex\n\n\n1\n1\n0\n\n\n\n" + // log a second No
		"5\n" + // journal
		"11\n" // quit
	out, errs, code = runAccessible(t, db, in)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "Today: 1 No. This week: 1 No.", "1 No is waiting to be reframed.", "Follow-ups due today: 1.",
		"Today's reflection: not done yet.", "What next?", "2. Reframe No #1: Acme Corp, 2026-11-23",
		"Saved No #2: Globex", "Today: 2 No's.", "3. Reframe No #1", "Enter a number between 1 and 11",
		"Globex", "Acme Corp", "What next?")
	if strings.Count(out, "What next?") != 3 {
		t.Fatalf("want the menu three times (log, journal, quit):\n%s", out)
	}
	if c, _ := st.Count(); c != 2 {
		t.Fatalf("%d No's stored, want 2", c)
	}
}

func TestLineReaderReadsOneByteAndNotesTheEnd(t *testing.T) {
	t.Parallel()
	l := newLineReader(strings.NewReader("ab\nc"))
	buf := make([]byte, 16)
	var got []byte
	for {
		n, err := l.Read(buf)
		if n > 1 {
			t.Fatalf("read %d bytes at once", n)
		}
		got = append(got, buf[:n]...)
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if string(got) != "ab\nc" || l.ranOut {
		t.Fatalf("got %q, ranOut %v (a last line without a newline is an answer)", got, l.ranOut)
	}
	l = newLineReader(strings.NewReader("ab\n"))
	_, _ = io.ReadAll(l)
	if !l.ranOut {
		t.Fatal("EOF right after a newline should count as running out")
	}
}

func TestAccessibleEditKeepsWhatIsNotChanged(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	n := journal.No{Who: "Acme Corp", Said: "Too pricey", Reason: "price", Date: "2026-11-20", Mode: "sales", FollowUp: "2026-12-01"}
	if err := st.AddNo(&n, accNow); err != nil {
		t.Fatal(err)
	}
	// Empty answers keep who, said, reason, change, follow-up and date
	// (who and the date are required: an empty answer must not be refused),
	// 0 ends the other reasons with none; the outcome becomes 3 (maybe).
	out, errs, code := runAccessible(t, db, "\n\n\n\n\n0\n\n\n\n\n3\n", "edit", "1")
	if code != 0 || !strings.Contains(out, "Saved No #1: Acme Corp (2026-11-20, maybe).") || strings.Contains(out, "a name is enough") {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	inOrder(t, out, "Now: Acme Corp — an empty answer keeps it.", "Who said no?", "Now: 2026-11-20", "When did it happen?", "Where does it stand now?")
	got, _ := st.GetNo(1)
	if got.Who != "Acme Corp" || got.Said != "Too pricey" || got.Reason != "price" || got.FollowUp != "2026-12-01" ||
		got.Date != "2026-11-20" || got.Outcome != journal.OutcomeMaybe {
		t.Fatalf("after edit: %+v", got)
	}
}

func TestAccessibleRequested(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"--accessible", "log"}, true},
		{[]string{"log", "--accessible=true"}, true},
		{[]string{"log", "--accessible=false"}, false},
		{[]string{"log", "--who", "x"}, false},
		{[]string{"log", "--", "--accessible"}, false},
	} {
		t.Setenv("ACCESSIBLE", "")
		if got := accessibleRequested(c.args); got != c.want {
			t.Errorf("%v: got %v", c.args, got)
		}
	}
	t.Setenv("ACCESSIBLE", "1")
	if !accessibleRequested([]string{"log"}) {
		t.Error("ACCESSIBLE=1 not seen")
	}
}

// ACCESSIBLE is read as a switch: 0, false, no and off leave it off, in the
// early check and in the command tree alike (ACCESSIBLE=0 used to turn it on).
func TestAccessibleEnvOff(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "false": false, "no": false, "off": false, "FALSE": false, "1": true, "true": true, "yes": true} {
		t.Setenv("ACCESSIBLE", v)
		if got := accessibleEnv(); got != want {
			t.Errorf("ACCESSIBLE=%q: %v, want %v", v, got, want)
		}
		if got := accessibleRequested([]string{"log"}); got != want {
			t.Errorf("ACCESSIBLE=%q: early check %v, want %v", v, got, want)
		}
	}
	t.Setenv("ACCESSIBLE", "0")
	a := &app{now: time.Now, stdin: strings.NewReader(""), stdout: new(bytes.Buffer), stderr: new(bytes.Buffer)}
	root := a.rootCommand()
	root.SetArgs([]string{"--db", filepath.Join(t.TempDir(), "j.db"), "reasons"})
	root.SetOut(new(bytes.Buffer))
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if a.accessible {
		t.Fatal("ACCESSIBLE=0 turned accessible mode on")
	}
}
