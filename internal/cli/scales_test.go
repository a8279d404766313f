package cli

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestShowSaysTheStingScale: show prints the sting with its word and both
// ends of the scale; the stored numbers do not change.
func TestShowSaysTheStingScale(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	mustRun(t, db, "log", "--who", "Acme", "--feeling", "4", "--feeling-after", "2")
	out := mustRun(t, db, "show", "1")
	for _, want := range []string{"4/5, it hurt a lot (1 barely … 5 it really stung)", "2/5, a little (1 barely … 5 it really stung)"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if js := mustRun(t, db, "show", "1", "--json"); !strings.Contains(js, `"feeling": 4`) || !strings.Contains(js, `"feeling_after": 2`) {
		t.Errorf("stored values changed:\n%s", js)
	}
	if help := mustRun(t, db, "log", "--help"); !strings.Contains(help, "1 barely … 5 it really stung") {
		t.Errorf("log --help does not say the scale:\n%s", help)
	}
}

// numberedList finds the lines of accessible numbered lists whose label
// starts with a number ("3. 2 — a little").
var numberedList = regexp.MustCompile(`(?m)^(\d+)\.\s+(?:✓\s+)?(\d+)\b`)

// numbersMatch fails when a numbered option's label starts with another
// number than its own: typing the number on screen must pick that answer.
func numbersMatch(t *testing.T, out string) int {
	t.Helper()
	found := 0
	for _, m := range numberedList.FindAllStringSubmatch(out, -1) {
		found++
		if a, _ := strconv.Atoi(m[1]); strconv.Itoa(a) != m[2] {
			t.Errorf("option %s is labelled %q: typing %s would pick another answer", m[1], strings.TrimSpace(m[0]), m[1])
		}
	}
	return found
}

// TestAccessibleNumbersAreTheAnswers: in every accessible list of a 1–5
// scale (the sting before and after, the mood, the weekly goal), the
// number typed is the number chosen.
func TestAccessibleNumbersAreTheAnswers(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	n := journal.No{Who: "Acme Corp", Said: "Too pricey", Date: "2026-11-20", Mode: "sales"}
	if err := st.AddNo(&n, accNow); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runAccessible(t, db, "\n2\n"+"1\nBudget\n3\n"+"2\n"+"A pilot\n\n\n"+"\n\n"+"\n"+"Ask early\nCall in March\nnone\n4\n", "reframe", "1")
	if code != 0 {
		t.Fatalf("reframe: exit %d: %s\n%s", code, errs, out)
	}
	if numbersMatch(t, out) < 10 {
		t.Errorf("the sting lists were not found:\n%s", out)
	}
	if got, _ := st.GetNo(1); got.Feeling != 2 || got.FeelingAfter != 4 {
		t.Errorf("typed 2 and 4, stored %d and %d", got.Feeling, got.FeelingAfter)
	}
	out, errs, code = runAccessible(t, db, "4\nFine\n6\nA demo\nAsk about budget\n", "reflect")
	if code != 0 {
		t.Fatalf("reflect: exit %d: %s\n%s", code, errs, out)
	}
	if numbersMatch(t, out) < 5 || !strings.Contains(out, "1 rough … 5 strong") {
		t.Errorf("the mood list:\n%s", out)
	}
	if r, _, _ := st.Reflection(journal.Today(accNow)); r.Mood != 4 {
		t.Errorf("typed 4, stored mood %d", r.Mood)
	}
	out, _, _ = runAccessible(t, db, "\n\n0\n3\n", "settings")
	if numbersMatch(t, out) < 7 {
		t.Errorf("the goal list:\n%s", out)
	}
}

// TestHomeEmptyReflectionIsNotDone: a mood alone, saved today, leaves
// today's reflection not done (and the day not active).
func TestHomeEmptyReflectionIsNotDone(t *testing.T) {
	t.Parallel()
	db, st := accDB(t)
	if _, err := st.SaveReflection(journal.Reflection{Date: journal.Today(accNow), Mood: 2, CompletedAt: accNow}); err != nil {
		t.Fatal(err)
	}
	out, _, _ := runAccessible(t, db, "")
	if !strings.Contains(out, "Today's reflection: not done yet.") || !strings.Contains(out, "This week: 0 of 5 active days") {
		t.Fatalf("a mood alone counted as done:\n%s", out)
	}
	if _, err := st.SaveReflection(journal.Reflection{Date: journal.Today(accNow), Win: "a call back", CompletedAt: accNow}); err != nil {
		t.Fatal(err)
	}
	if out, _, _ := runAccessible(t, db, ""); !strings.Contains(out, "Today's reflection: done.") {
		t.Fatalf("a written reflection is not done:\n%s", out)
	}
}
