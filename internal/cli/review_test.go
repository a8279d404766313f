package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// reviewNow is Saturday 2026-11-28: a day off after a Monday-to-Friday week.
var reviewNow = time.Date(2026, 11, 28, 10, 0, 0, 0, time.Local)

func reviewDB(t *testing.T, workdays []string) (string, *store.Store) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "r.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	set := journal.DefaultSettings()
	set.Welcomed, set.Mode, set.Workdays = true, "sales", workdays
	if err := st.SaveSettings(set); err != nil {
		t.Fatal(err)
	}
	add := func(n journal.No) {
		t.Helper()
		n.Mode = "sales"
		if err := st.AddNo(&n, reviewNow); err != nil {
			t.Fatal(err)
		}
	}
	add(journal.No{Who: "Acme", Date: "2026-11-24", Reason: "price", Kind: "not-this"})
	add(journal.No{Who: "Beta", Date: "2026-11-26", Reason: "price", Kind: "not-this"})
	add(journal.No{Who: "Gamma", Date: "2026-11-18", Reason: "timing", Kind: "not-now"})
	add(journal.No{Who: "Old", Date: "2026-10-01", Reason: "budget", Outcome: journal.OutcomeYes,
		OutcomeHistory: []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: reviewNow.AddDate(0, -2, 0)},
			{Outcome: journal.OutcomeYes, At: time.Date(2026, 11, 25, 15, 0, 0, 0, time.Local)}}})
	return db, st
}

type reviewJSON struct {
	Mode, From, To, PreviousFrom string
	Nos                          int `json:"nos"`
	PreviousNos                  int `json:"previous_nos"`
	Reasons                      []struct {
		ID    string `json:"id"`
		Count int    `json:"count"`
		Prev  int    `json:"prev"`
	} `json:"reasons"`
	Turnarounds []journal.Turnaround `json:"turnarounds"`
	Question    string               `json:"question"`
	Focus       *string              `json:"focus"`
}

func TestReviewJSONOnADayOffIsTheWeekJustWorked(t *testing.T) {
	db, _ := reviewDB(t, []string{"mon", "tue", "wed", "thu", "fri"})
	out, errOut, code := runCLI(t, reviewNow, "", db, "review", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got reviewJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal([]byte(out), &keys)
	for _, k := range []string{"mode", "from", "to", "previous_from", "previous_to", "nos", "previous_nos", "reasons", "kinds",
		"follow_ups", "turnarounds", "experiments", "traps", "intentions", "question", "focus", "previous_focus"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("no key %q in\n%s", k, out)
		}
	}
	// Saturday is a day off: the week is Monday 23rd to Sunday 29th, yet
	// only up to today.
	if got.From != "2026-11-23" || got.To != "2026-11-28" || got.Nos != 2 || got.PreviousNos != 1 {
		t.Errorf("week %s..%s, %d No's (%d before)", got.From, got.To, got.Nos, got.PreviousNos)
	}
	if len(got.Reasons) != 2 || got.Reasons[0].ID != "price" || got.Reasons[0].Count != 2 || got.Reasons[1].Prev != 1 {
		t.Errorf("reasons %+v", got.Reasons)
	}
	if len(got.Turnarounds) != 1 || got.Turnarounds[0].Who != "Old" || got.Turnarounds[0].Outcome != journal.OutcomeYes {
		t.Errorf("turnarounds %+v", got.Turnarounds)
	}
	if got.Focus != nil || got.Question != "What will you focus on next week?" {
		t.Errorf("focus %v, question %q", got.Focus, got.Question)
	}
}

func TestReviewWeekFollowsSundayToThursday(t *testing.T) {
	db, _ := reviewDB(t, []string{"sun", "mon", "tue", "wed", "thu"})
	out, errOut, code := runCLI(t, reviewNow, "", db, "review", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got reviewJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	// Sunday 22nd to Saturday 28th: Friday and Saturday off end it.
	if got.From != "2026-11-22" || got.To != "2026-11-28" {
		t.Errorf("week %s..%s", got.From, got.To)
	}
}

func TestReviewFocusIsSavedAndPrinted(t *testing.T) {
	db, st := reviewDB(t, []string{"mon", "tue", "wed", "thu", "fri"})
	out, errOut, code := runCLI(t, reviewNow, "", db, "review", "--focus", "Ask every not-now when to call back")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Saved your focus") || !strings.Contains(out, "Home shows it all week") {
		t.Errorf("confirmation:\n%s", out)
	}
	r, ok, err := st.Review("2026-11-23")
	if err != nil || !ok || r.Focus != "Ask every not-now when to call back" || r.Mode != "sales" {
		t.Fatalf("stored %+v %v %v", r, ok, err)
	}
	out, _, _ = runCLI(t, reviewNow, "", db, "review", "--print")
	for _, w := range []string{"Week of Mon 23 Nov to Sat 28 Nov (so far)", "No's: 2 this week · 1 the week before",
		"Too expensive 2 (0)", "Came back: Old → yes", "What will you focus on next week?\n  Ask every not-now when to call back"} {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in\n%s", w, out)
		}
	}
	// The next week shows it as last week's focus.
	out, _, _ = runCLI(t, reviewNow.AddDate(0, 0, 3), "", db, "review", "--print")
	if !strings.Contains(out, "Last week's focus: Ask every not-now when to call back") {
		t.Errorf("next week:\n%s", out)
	}
}

func TestReviewRefusesBadInput(t *testing.T) {
	db, _ := reviewDB(t, nil)
	for _, args := range [][]string{
		{"review", "--focus", "  "},
		{"review", "--date", "tomorrow"},
		{"review", "--date", "someday"},
		{"review", "extra"},
	} {
		_, errOut, code := runCLI(t, reviewNow, "", db, args...)
		if code != 2 || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%v: exit %d, %q; want 2 and one sentence", args, code, errOut)
		}
	}
}

func TestReviewsRoundTripThroughExportAndImportCLI(t *testing.T) {
	db, _ := reviewDB(t, nil)
	if _, e, code := runCLI(t, reviewNow, "", db, "review", "--focus", "Lead with ROI"); code != 0 {
		t.Fatal(e)
	}
	file := filepath.Join(t.TempDir(), "e.json")
	if _, e, code := runCLI(t, reviewNow, "", db, "export", "-o", file); code != 0 {
		t.Fatal(e)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var e struct {
		Reviews []journal.Review `json:"reviews"`
	}
	if err := json.Unmarshal(data, &e); err != nil || len(e.Reviews) != 1 || e.Reviews[0].Focus != "Lead with ROI" {
		t.Fatalf("exported reviews %+v (%v)", e.Reviews, err)
	}
	other := filepath.Join(t.TempDir(), "o.db")
	out, errOut, code := runCLI(t, reviewNow, "", other, "import", file)
	if code != 0 || !strings.Contains(out, "Weekly reviews: 1 added, 0 already here.") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	out, _, _ = runCLI(t, reviewNow, "", other, "import", file, "--json")
	if !strings.Contains(out, `"reviews": {`) || !strings.Contains(out, `"skipped": 1`) {
		t.Errorf("second import:\n%s", out)
	}
	out, _, _ = runCLI(t, reviewNow, "", other, "review", "--print")
	if !strings.Contains(out, "  Lead with ROI") {
		t.Errorf("the imported focus is not this week's:\n%s", out)
	}
	// A broken review in a file is refused with where it is.
	bad := strings.Replace(string(data), `"focus": "Lead with ROI"`, `"focus": ""`, 1)
	if err := os.WriteFile(file, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = runCLI(t, reviewNow, "", filepath.Join(t.TempDir(), "x.db"), "import", file)
	if code == 0 || !strings.Contains(errOut, "reviews[0]") {
		t.Errorf("a review without focus imported: %d %s", code, errOut)
	}
}

func TestReviewAccessibleAsksThePlainQuestion(t *testing.T) {
	db, st := reviewDB(t, []string{"mon", "tue", "wed", "thu", "fri"})
	out, errOut, code := runCLI(t, reviewNow, "Call back every not-now\n", db, "--accessible", "review")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("escape codes in accessible output: %q", out)
	}
	inOrder(t, out, "Week of Mon 23 Nov", "No's: 2 this week", "What will you focus on next week?", "Saved. Home shows your focus all week: Call back every not-now")
	if r, ok, _ := st.Review("2026-11-23"); !ok || r.Focus != "Call back every not-now" {
		t.Errorf("stored %+v", r)
	}
	// An empty line saves nothing.
	db2, st2 := reviewDB(t, nil)
	out, _, code = runCLI(t, reviewNow, "\n", db2, "--accessible", "review")
	if code != 0 || !strings.Contains(out, "Nothing saved") {
		t.Errorf("empty answer: %d\n%s", code, out)
	}
	if _, ok, _ := st2.LatestReview(); ok {
		t.Error("an empty answer was saved")
	}
}

func TestAccessibleHomeOffersTheReviewAndSaysTheFocus(t *testing.T) {
	db, _ := reviewDB(t, []string{"mon", "tue", "wed", "thu", "fri"})
	// Menu: 1 log, 2-5 reframe the four waiting No's, 6 reflect, 7 journal,
	// 8 streak, 9 insights, 10 follow-ups, 11 weekly review, 12 settings, 13 quit.
	out, errOut, code := runCLI(t, reviewNow, "11\nLead with ROI\n13\n", db, "--accessible")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	inOrder(t, out, "11. Weekly review", "What will you focus on next week?", "Saved. Home shows your focus all week: Lead with ROI",
		"This week's focus: Lead with ROI.", "What next?")
}
