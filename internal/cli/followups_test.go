package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// fuNow is Monday 2026-11-23, 10:00 local.
var fuNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)

// runFU runs the command line against db with a fixed clock and buffered
// streams (stdout is not a terminal, so output is plain text).
func runFU(t *testing.T, db string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCLI(t, fuNow, "", db, args...)
}

func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, errOut, code := runFU(t, db, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	return out
}

func TestFollowUpsCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	if out := mustRun(t, db, "followups", "--print"); !strings.Contains(out, "Nothing to follow up in the next 14 days.") {
		t.Fatalf("empty: %q", out)
	}
	mustRun(t, db, "log", "--who", "Acme Corp", "--date", "10 days ago", "--follow-up", "3 days ago",
		"--change", "A line-item quote", "--next", "Review every line item", "--kind", "not-understood")
	mustRun(t, db, "log", "--who", "Initech", "--follow-up", "today")
	mustRun(t, db, "log", "--who", "Globex", "--follow-up", "in 20 days")
	mustRun(t, db, "log", "--who", "Hooli", "--kind", "not-now", "--change", "next quarter")

	var items []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "followups", "--json")), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Fatalf("items %v", items)
	}
	a := items[0]
	if a["id"] != float64(1) || a["who"] != "Acme Corp" || a["due"] != "2026-11-20" || a["overdue"] != true ||
		a["next"] != "Review every line item" || a["change"] != "A line-item quote" || a["days_since"] != float64(10) {
		t.Errorf("first item %v", a)
	}
	if items[1]["who"] != "Initech" || items[1]["overdue"] != false || items[1]["today"] != true {
		t.Errorf("second item %v", items[1])
	}
	if out := mustRun(t, db, "followups", "--json", "--days", "30"); !strings.Contains(out, "Globex") {
		t.Errorf("--days 30 leaves out Globex: %s", out)
	}

	out := mustRun(t, db, "followups", "--print")
	for _, want := range []string{"Overdue (1)", "Acme Corp", "3 days late", "No 10 days ago", "to revisit: A line-item quote",
		"Today (1)", "Initech", "Suggested", "Hooli", "2027-01-01", "next quarter", "rebound edit 4 --follow-up 2027-01-01"} {
		if !strings.Contains(out, want) {
			t.Errorf("print lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape codes in piped output")
	}
	if _, errOut, code := runFU(t, db, "followups", "--days", "0"); code != 2 || !strings.Contains(errOut, "--days") {
		t.Errorf("--days 0: exit %d %q", code, errOut)
	}

	// Done through edit: the follow-up leaves the list.
	mustRun(t, db, "edit", "1", "--follow-up-done")
	if out := mustRun(t, db, "followups", "--json"); strings.Contains(out, "Acme Corp") {
		t.Errorf("done follow-up listed: %s", out)
	}
}

func TestDebriefCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	mustRun(t, db, "log", "--who", "Globex Inc", "--contact", `Jean "JJ" O'Brien 🦊`)
	out := mustRun(t, db, "debrief", "1", "--print")
	for _, want := range []string{"Subject: Can I ask a quick favor?", `Hi Jean "JJ" O'Brien 🦊,`, "10 minutes", "[your name]",
		"Questions for the debrief call:", "1. What made you interested", "5. Is there anything that could change your mind?"} {
		if !strings.Contains(out, want) {
			t.Errorf("debrief lacks %q:\n%s", want, out)
		}
	}
	var j debriefJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "debrief", "1", "--json")), &j); err != nil {
		t.Fatal(err)
	}
	if j.ID != 1 || j.Subject != "Can I ask a quick favor?" || len(j.Questions) != 5 || !strings.Contains(j.Body, `Jean "JJ" O'Brien 🦊`) ||
		j.Contact != `Jean "JJ" O'Brien 🦊` || j.Answers == nil {
		t.Errorf("json %+v", j)
	}
	// Without a contact the e-mail does not greet the company as a person;
	// --contact on edit sets one, and an empty one clears it.
	mustRun(t, db, "edit", "1", "--contact", "")
	if out := mustRun(t, db, "debrief", "1", "--print"); !strings.Contains(out, "\nHi,\n") || strings.Contains(out, "Hi Globex") {
		t.Errorf("no contact: want a plain Hi,:\n%s", out)
	}
	// Personal mode: a kind note that asks nothing, said to be optional.
	mustRun(t, db, "log", "--mode", "personal", "--who", "Sam")
	out = mustRun(t, db, "debrief", "2", "--print")
	for _, want := range []string{"(Only if it feels right.", "Subject: No worries about the other day", "Hi Sam,", "No need to reply.", "If they want to talk about it:"} {
		if !strings.Contains(out, want) {
			t.Errorf("personal debrief lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "10 minutes") || strings.Contains(out, "favor") || strings.Contains(out, "call") {
		t.Errorf("personal debrief presses for a call:\n%s", out)
	}
	if _, errOut, code := runFU(t, db, "debrief", "7", "--print"); code == 0 || !strings.Contains(errOut, "no No with id 7") {
		t.Errorf("missing id: exit %d %q", code, errOut)
	}
	if _, _, code := runFU(t, db, "debrief", "abc"); code != 2 {
		t.Errorf("bad id: exit %d", code)
	}
}

func TestWhoAndWinCommands(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	mustRun(t, db, "log", "--who", "Acme Corp", "--reason", "price", "--date", "2026-10-01", "--change", "A starter plan")
	mustRun(t, db, "log", "--who", "acme  corp", "--reason", "timing", "--follow-up", "in 3 days", "--next", "Send ROI")
	mustRun(t, db, "log", "--who", "Acme Corporation")
	mustRun(t, db, "edit", "1", "--outcome", "maybe")

	out := mustRun(t, db, "who", "ACME", "CORP", "--print")
	for _, want := range []string{"2 No's", "Open follow-up: 2026-11-26 (in 3 days) on No #2", "next: Send ROI",
		"#2  2026-11-23", "#1  2026-10-01", "Too expensive", "A starter plan", "open → ", "maybe"} {
		if !strings.Contains(out, want) {
			t.Errorf("who lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Acme Corporation") {
		t.Errorf("partial name matched:\n%s", out)
	}
	var j whoJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "who", "acme corp", "--json")), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Nos) != 2 || j.OpenFollowUp == nil || j.OpenFollowUp.ID != 2 || j.Wins == nil {
		t.Errorf("json %+v", j)
	}
	if out := mustRun(t, db, "who", "Initech", "--print"); !strings.Contains(out, `No No's from "Initech" yet`) {
		t.Errorf("unknown: %q", out)
	}

	out = mustRun(t, db, "win", "--who", "acme corp", "--what", "Renewal", "--date", "yesterday")
	if !strings.HasPrefix(out, "🎉 Logged a win: acme corp — Renewal (2026-11-22).") {
		t.Errorf("win: %q", out)
	}
	if out := mustRun(t, db, "who", "Acme Corp", "--print"); !strings.Contains(out, "Wins:") || !strings.Contains(out, "Renewal") {
		t.Errorf("win not in the history:\n%s", out)
	}
	if _, errOut, code := runFU(t, db, "win"); code != 2 || !strings.Contains(errOut, "--who") {
		t.Errorf("empty win: exit %d %q", code, errOut)
	}
	if _, _, code := runFU(t, db, "win", "--who", "X", "--date", "someday"); code != 2 {
		t.Errorf("bad date: exit %d", code)
	}
	// Wins never count towards how often No's turn around: no rate after a win.
	mustRun(t, db, "log", "--who", "Hooli")
	mustRun(t, db, "log", "--who", "Pied Piper")
	out = mustRun(t, db, "win", "--who", "Umbrella")
	if strings.Contains(out, "became a yes") || strings.Contains(out, "per") {
		t.Errorf("a win printed a rate: %q", out)
	}
	if ws := winLine(journal.Win{What: "A good grade", Date: "2026-11-23"}); ws != "🎉 Logged a win: A good grade (2026-11-23). Every yes counts." {
		t.Errorf("winLine %q", ws)
	}
}

// TestFollowUpsSayTheOutcomeInWords: a follow-up under way reads
// "following up", never the id "following-up".
func TestFollowUpsSayTheOutcomeInWords(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	mustRun(t, db, "log", "--who", "Acme Corp", "--follow-up", "in 2 days")
	mustRun(t, db, "edit", "1", "--outcome", "following-up")
	out := mustRun(t, db, "followups", "--print")
	if !strings.Contains(out, "· following up") || strings.Contains(out, "following-up") {
		t.Errorf("the outcome is not in words:\n%s", out)
	}
}
