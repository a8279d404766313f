package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestImportAsksUnknownReasonsOnce: on a terminal, a lost-reason value no
// mapping knows is asked once with the mode's reasons; the answer applies
// and is kept, so the same value in a later import is not asked again.
func TestImportAsksUnknownReasonsOnce(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	file, err := filepath.Abs(filepath.Join("..", "..", "internal", "crm", "testdata", "salesforce-opportunities.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, 100, 30, "--db", db, "import", "--from", "salesforce", file)
	tm.waitFor(`The lost reason "Unresponsive" (Salesforce): which reason is it?`)
	tm.waitFor("> Other (other)")
	tm.keys("Up", "Up", "Up", "Up", "Up", "Up", "Up", "Up") // Other, up to No need
	tm.waitFor("> No need (no-need)")
	tm.keys("Enter")
	tm.waitFor("Imported 3 No's")

	out, _, code := run(t, db, "journal", "--json")
	if code != 0 || !strings.Contains(out, `"reason": "no-need"`) || !strings.Contains(out, `"reason_text": "Unresponsive"`) {
		t.Fatalf("journal (exit %d):\n%s", code, out)
	}
	// The answer is kept in the settings (and so in the export).
	out, _, code = run(t, db, "export", "--format", "json")
	if code != 0 || !strings.Contains(out, `"unresponsive": "no-need"`) {
		t.Fatalf("the answer was not saved:\n%.2000s", out)
	}
}

// TestImportAsksAccessibly: with --accessible the question is a plain
// numbered prompt (stdout is plain text then, the terminal is stdin).
func TestImportAsksAccessibly(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	file, err := filepath.Abs(filepath.Join("..", "..", "internal", "crm", "testdata", "pipedrive-deals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, 100, 30, "--accessible", "--db", db, "import", "--from", "pipedrive", file)
	tm.waitFor(`The lost reason "Chose to build in-house" (Pipedrive)`)
	tm.waitFor("4. No need (no-need)")
	tm.typeText("4")
	tm.keys("Enter")
	tm.waitFor("Imported 4 No's")
	if out, _, _ := run(t, db, "journal", "--json"); !strings.Contains(out, `"reason_text": "Chose to build in-house"`) ||
		!strings.Contains(out, `"reason": "no-need"`) {
		t.Fatalf("journal:\n%s", out)
	}
}
