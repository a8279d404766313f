package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// On a real terminal: who --merge says what it will change and asks
// (y/n); prep opens the card at 80×24, c marks the condition met.
func TestPrepAndMergeOnATerminal(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	for _, args := range [][]string{
		{"log", "--who", "Acme", "--reason", "timing", "--kind", "not-now", "--said", "Call me after the migration", "--change", "Once the migration is done"},
		{"log", "--who", "Acme Corp", "--reason", "price", "--next", "Send the ROI sheet"},
	} {
		if _, errs, code := run(t, db, args...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, errs)
		}
	}
	tm := startTerm(t, 80, 24, "--db", db, "who", "--merge", "Acme", "Acme Corp")
	tm.waitFor("Merge “Acme” into “Acme Corp”: 1 No will say “Acme Corp”, beside its 1 No.")
	tm.waitFor("Merge? [y/N]")
	tm.keys("y", "Enter")
	tm.waitFor("Merged “Acme” into “Acme Corp”: 1 No now says “Acme Corp”.")

	tm = startTerm(t, 80, 24, "--db", db, "prep", "acme")
	s := tm.waitFor("Open with")
	for _, want := range []string{"Prep · Acme Corp", "Acme Corp  2 No's, 0 yes", "“Once the migration is done” · not met yet",
		"Send the ROI sheet", "Research", "☐ "} {
		if !strings.Contains(s, want) {
			t.Errorf("the card lacks %q:\n%s", want, s)
		}
	}
	tm.keys("c")
	tm.waitFor("✓ met")
	tm.keys("Escape")
	if out, _, _ := run(t, db, "show", "1", "--json"); !strings.Contains(out, `"condition_met": true`) || !strings.Contains(out, `"who": "Acme Corp"`) {
		t.Errorf("after the card:\n%s", out)
	}
}
