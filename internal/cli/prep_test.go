package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// edit --condition-met marks what would need to change as changed;
// --condition-met=false unsets it; show and show --json say so.
func TestEditConditionMet(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	if _, errs, code := runCLI(t, fuNow, "", db, "log", "--who", "Acme Corp", "--reason", "price", "--change", "A lower entry price"); code != 0 {
		t.Fatalf("log: %d %s", code, errs)
	}
	if n := showNo(t, db, "1"); n.ConditionMet {
		t.Fatal("a new No has its condition met")
	}
	if _, errs, code := runCLI(t, fuNow, "", db, "edit", "1", "--condition-met"); code != 0 {
		t.Fatalf("edit --condition-met: %d %s", code, errs)
	}
	if n := showNo(t, db, "1"); !n.ConditionMet || n.Change != "A lower entry price" {
		t.Fatalf("after --condition-met: %+v", n)
	}
	out, _, _ := runCLI(t, fuNow, "", db, "show", "1")
	if !strings.Contains(out, "condition met") {
		t.Errorf("show does not say the condition is met:\n%s", out)
	}
	js, _, _ := runCLI(t, fuNow, "", db, "show", "1", "--json")
	if !strings.Contains(js, `"condition_met": true`) {
		t.Errorf("show --json lacks condition_met:\n%s", js)
	}
	// An export and an import into a new journal keep it.
	file := filepath.Join(t.TempDir(), "export.json")
	if _, errs, code := runCLI(t, fuNow, "", db, "export", "-o", file); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	db2 := filepath.Join(t.TempDir(), "r2.db")
	if _, errs, code := runCLI(t, fuNow, "", db2, "import", file); code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	if n := showNo(t, db2, "1"); !n.ConditionMet {
		t.Error("condition_met was lost through export and import")
	}
	if _, errs, code := runCLI(t, fuNow, "", db, "edit", "1", "--condition-met=false"); code != 0 {
		t.Fatalf("edit --condition-met=false: %d %s", code, errs)
	}
	if n := showNo(t, db, "1"); n.ConditionMet {
		t.Fatal("--condition-met=false left it set")
	}
	if exp, _, _ := runCLI(t, fuNow, "", db, "export", "--format", "csv"); !strings.Contains(strings.SplitN(exp, "\n", 2)[0], `"condition_met"`) {
		t.Errorf("CSV header lacks condition_met:\n%s", exp)
	}
}

// logs runs log with each set of flags and fails on any error.
func logs(t *testing.T, db string, sets ...[]string) {
	t.Helper()
	for _, f := range sets {
		if _, errs, code := runCLI(t, fuNow, "", db, append([]string{"log"}, f...)...); code != 0 {
			t.Fatalf("log %v: %d %s", f, code, errs)
		}
	}
}

// prep NAME finds the prospect by the start of a word, and its JSON has
// exactly the card's keys: their No's, the condition of their latest open
// No, the next step and follow-up, lessons of similar No's from others,
// odds only from ten No's of the kind, and the mode's checklist.
func TestPrepCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	logs(t, db,
		[]string{"--who", "Globex", "--reason", "budget", "--kind", "not-now", "--lesson", "Ask who signs", "--date", "2026-11-01"},
		[]string{"--who", "Acme Corp", "--reason", "price", "--kind", "not-now", "--said", "Too dear for us", "--change", "A lower entry price",
			"--next", "Send the pilot offer", "--follow-up", "2026-12-04", "--date", "2026-11-10"},
		[]string{"--who", "acme corp", "--reason", "timing", "--kind", "not-now", "--date", "2026-11-12", "--lesson", "Their own lesson"},
	)
	out, errs, code := runCLI(t, fuNow, "", db, "prep", "acme", "--json")
	if code != 0 {
		t.Fatalf("prep acme --json: %d %s", code, errs)
	}
	var card map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &card); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range card {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"checklist", "condition", "condition_met", "follow_up", "lessons", "next", "nos", "odds", "who"}; !slices.Equal(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
	for k, want := range map[string]string{"who": `"acme corp"`, "condition": `"A lower entry price"`, "condition_met": "false",
		"next": `"Send the pilot offer"`, "follow_up": `"2026-12-04"`, "odds": "null"} {
		if got := string(card[k]); got != want {
			t.Errorf("%s = %s, want %s", k, got, want)
		}
	}
	var nos []journal.No
	var lessons []journal.Lesson
	var checklist []string
	json.Unmarshal(card["nos"], &nos)
	json.Unmarshal(card["lessons"], &lessons)
	json.Unmarshal(card["checklist"], &checklist)
	if len(nos) != 2 || nos[0].ID != 3 || nos[1].Said != "Too dear for us" {
		t.Errorf("nos %+v", nos)
	}
	if len(lessons) != 1 || lessons[0].Lesson != "Ask who signs" || lessons[0].Same != "kind" {
		t.Errorf("lessons %+v (the prospect's own are on the card already)", lessons)
	}
	if len(checklist) < 4 {
		t.Errorf("checklist %q", checklist)
	}

	// The condition marked met changes the card and its opening line.
	runCLI(t, fuNow, "", db, "edit", "2", "--condition-met")
	text, errs, code := runCLI(t, fuNow, "", db, "prep", "Acme", "--print")
	if code != 0 {
		t.Fatalf("prep --print: %d %s", code, errs)
	}
	for _, want := range []string{"Prep: acme corp", "“A lower entry price” — marked met", "Next step: Send the pilot offer",
		"Follow up: 2026-12-04", "Ask who signs", "Not now: 3 No's of this kind so far; the odds show from 10.", "[ ] ", "That's in place now"} {
		if !strings.Contains(text, want) {
			t.Errorf("the card lacks %q:\n%s", want, text)
		}
	}

	// Eleven No's of the kind, three of them turned: the odds, with their counts.
	for i := range 8 {
		logs(t, db, []string{"--who", "Initech", "--reason", "timing", "--kind", "not-now", "--date", fmt.Sprintf("2026-10-%02d", i+1)})
	}
	for id := 4; id < 7; id++ {
		runCLI(t, fuNow, "", db, "edit", fmt.Sprint(id), "--outcome", "maybe")
	}
	out, _, _ = runCLI(t, fuNow, "", db, "prep", "acme", "--json")
	var odds struct{ Odds *prepOdds }
	json.Unmarshal([]byte(out), &odds)
	if odds.Odds == nil || *odds.Odds != (prepOdds{3, 11}) {
		t.Errorf("odds = %+v, want 3 of 11", odds.Odds)
	}

	// Nobody, and several.
	if _, errs, code := runCLI(t, fuNow, "", db, "prep", "umbrella"); code != 1 || !strings.Contains(errs, `no No's from "umbrella"`) {
		t.Errorf("prep umbrella: %d %s", code, errs)
	}
	logs(t, db, []string{"--who", "Acme Inc", "--reason", "price"})
	_, errs, code = runCLI(t, fuNow, "", db, "prep", "acme")
	if code != 2 || !strings.Contains(errs, `"acme" matches 2 prospects`) || !strings.Contains(errs, "acme corp  (2 No's)") || !strings.Contains(errs, "Acme Inc  (1 No)") {
		t.Errorf("prep acme with two: %d %s", code, errs)
	}
}

// who finds a prospect by the start of a word and lists several.
func TestWhoMatchesByWordPrefix(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	logs(t, db, []string{"--who", "Acme Corp", "--reason", "price"}, []string{"--who", "Globex Corporation", "--reason", "price"})
	out, errs, code := runCLI(t, fuNow, "", db, "who", "acme", "--print")
	if code != 0 || !strings.HasPrefix(out, "Acme Corp — ") {
		t.Errorf("who acme: %d %s%s", code, out, errs)
	}
	_, errs, code = runCLI(t, fuNow, "", db, "who", "corp", "--print")
	if code != 2 || !strings.Contains(errs, "Acme Corp") || !strings.Contains(errs, "Globex Corporation") {
		t.Errorf("who corp: %d %s", code, errs)
	}
	if _, errs, code := runCLI(t, fuNow, "", db, "--mode", "job", "who", "corp", "--print"); code != 2 || !strings.Contains(errs, `"corp" matches 2 employers`) {
		t.Errorf("who corp in job mode: %d %s", code, errs)
	}
	if out, _, code := runCLI(t, fuNow, "", db, "who", "nobody", "--print"); code != 0 || !strings.Contains(out, `No No's from "nobody" yet`) {
		t.Errorf("who nobody: %d %s", code, out)
	}
}

// who --merge needs --yes without a terminal, merges, and --unmerge
// undoes it once.
func TestWhoMergeCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	logs(t, db, []string{"--who", "Acme", "--reason", "price"}, []string{"--who", "ACME", "--reason", "timing"},
		[]string{"--who", "Acme Corp", "--reason", "price"})
	runCLI(t, fuNow, "", db, "win", "--who", "acme", "--what", "Pilot signed")
	_, errs, code := runCLI(t, fuNow, "", db, "who", "--merge", "Acme", "Acme Corp")
	if code != 2 || !strings.Contains(errs, "2 No's and 1 win will say “Acme Corp”") || !strings.Contains(errs, "--yes") {
		t.Fatalf("merge without --yes: %d %s", code, errs)
	}
	if n := showNo(t, db, "1"); n.Who != "Acme" {
		t.Fatal("a refused merge changed a No")
	}
	out, errs, code := runCLI(t, fuNow, "", db, "who", "--merge", "Acme", "Acme Corp", "--yes")
	if code != 0 || !strings.Contains(out, "Merged “ACME” into “Acme Corp”: 2 No's and 1 win now say “Acme Corp”") {
		t.Fatalf("merge --yes: %d %s%s", code, out, errs)
	}
	js, _, _ := runCLI(t, fuNow, "", db, "who", "Acme Corp", "--json")
	if !strings.Contains(js, `"total": 3`) || !strings.Contains(js, `"Pilot signed"`) {
		t.Errorf("after the merge:\n%s", js)
	}
	out, errs, code = runCLI(t, fuNow, "", db, "who", "--unmerge")
	if code != 0 || !strings.Contains(out, "3 records have their own name back") {
		t.Fatalf("unmerge: %d %s%s", code, out, errs)
	}
	if n := showNo(t, db, "2"); n.Who != "ACME" {
		t.Errorf("No #2 is %q after the unmerge", n.Who)
	}
	if _, errs, code := runCLI(t, fuNow, "", db, "who", "--unmerge"); code != 1 || !strings.Contains(errs, "no merge to undo") {
		t.Errorf("second unmerge: %d %s", code, errs)
	}
	if _, errs, code := runCLI(t, fuNow, "", db, "who", "--merge", "Acme"); code != 2 {
		t.Errorf("merge with one name: %d %s", code, errs)
	}
}

type prepOdds struct{ Turned, Total int }

// The accessible card: a name that matches several asks which one, the
// card is said as text, and its key is a question that saves the answer.
func TestPrepAccessible(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	logs(t, db, []string{"--who", "Acme Corp", "--reason", "price"},
		[]string{"--who", "Acme Inc", "--reason", "timing", "--kind", "not-now", "--change", "A pilot first"})
	out, errs, code := runCLI(t, fuNow, "2\ny\n", db, "--accessible", "prep", "acme")
	if code != 0 {
		t.Fatalf("accessible prep: %d %s\n%s", code, errs, out)
	}
	for _, want := range []string{"Prepare for whom?", "Acme Inc (1 No)", "Prep: Acme Inc", "“A pilot first” — not marked met yet",
		"Has their condition been met", "Marked “A pilot first” as met on No #2."} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("escape codes in accessible output:\n%q", out)
	}
	if n := showNo(t, db, "2"); !n.ConditionMet {
		t.Error("the answer was not saved")
	}
	// Nothing more typed: the card alone, nothing changed.
	out, _, code = runCLI(t, fuNow, "", db, "--accessible", "prep", "acme inc")
	if code != 0 || !strings.Contains(out, "— marked met") {
		t.Errorf("card alone: %d\n%s", code, out)
	}
}
