package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// who prints the newest -n No's (20 by default) and the counts of them
// all, and says how to see more; --json carries the same page with the
// totals and whether older No's follow.
func TestWhoShowsTheNewestPage(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	var nos []journal.No
	for i := range 30 {
		n := journal.No{Who: "Acme Corp", Date: journal.Day("2026-01-01").AddDays(i), Mode: "sales", Reason: "price",
			Outcome: journal.OutcomeOpen, CreatedAt: fuNow, UpdatedAt: fuNow}
		if i%10 == 0 {
			n.Outcome = journal.OutcomeYes
		}
		nos = append(nos, n)
	}
	if err := st.SeedNos(nos); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, db, "who", "acme corp", "--print")
	if got := strings.Count(out, "\n#"); got != 20 {
		t.Errorf("who printed %d No's, want 20:\n%s", got, out)
	}
	for _, want := range []string{"Acme Corp — 30 No's · 3 turned into a yes · latest: open", "#30  2026-01-30", "#11  2026-01-11",
		`… and 10 older No's: rebound who "Acme Corp" -n 30`} {
		if !strings.Contains(out, want) {
			t.Errorf("who lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "#10  ") {
		t.Errorf("who printed a No past the page:\n%s", out)
	}
	var j whoJSON
	if err := json.Unmarshal([]byte(mustRun(t, db, "who", "Acme Corp", "--json", "-n", "5")), &j); err != nil {
		t.Fatal(err)
	}
	if j.Total != 30 || j.Yes != 3 || len(j.Nos) != 5 || !j.More || j.Nos[0].ID != 30 {
		t.Errorf("json: total %d yes %d, %d No's, more %v", j.Total, j.Yes, len(j.Nos), j.More)
	}
	if out := mustRun(t, db, "who", "Acme Corp", "--print", "-n", "40"); strings.Contains(out, "older No") || strings.Count(out, "\n#") != 30 {
		t.Errorf("-n past the end:\n%s", out)
	}
	if _, errOut, code := runFU(t, db, "who", "Acme", "-n", "0"); code != 2 || !strings.Contains(errOut, "-n is 0") {
		t.Errorf("-n 0: exit %d %q", code, errOut)
	}
}

// followups --json streams every follow-up, or the first -n; the text
// lists the first 50 under counts of them all and says how to see the rest.
func TestFollowUpsListAPage(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	today := journal.Today(fuNow)
	var nos []journal.No
	for i := range 120 {
		nos = append(nos, journal.No{Who: "Acme Corp", Date: today.AddDays(-90), Mode: "sales", Outcome: journal.OutcomeOpen,
			FollowUp: today.AddDays(-1 - i%80), CreatedAt: fuNow, UpdatedAt: fuNow})
	}
	if err := st.SeedNos(nos); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want int
	}{{[]string{"followups", "--json"}, 120}, {[]string{"followups", "--json", "-n", "50"}, 50}, {[]string{"followups", "--json", "--limit", "0"}, 120}} {
		var items []followUpJSON
		if err := json.Unmarshal([]byte(mustRun(t, db, tc.args...)), &items); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if len(items) != tc.want || items[0].DaysLate != 80 {
			t.Errorf("%v: %d items (first %d days late), want %d", tc.args, len(items), items[0].DaysLate, tc.want)
		}
	}
	out := mustRun(t, db, "followups", "--print")
	if got := strings.Count(out, "  #"); got != 50 {
		t.Errorf("the text lists %d follow-ups, want 50:\n%s", got, out)
	}
	for _, want := range []string{"Overdue (120)", "… and 70 more", "20 follow-ups have waited more than 60 days"} {
		if !strings.Contains(out, want) {
			t.Errorf("the text lacks %q:\n%s", want, out)
		}
	}
	if out := mustRun(t, db, "followups", "--print", "-n", "0"); strings.Count(out, "  #") != 120 || strings.Contains(out, "more:") {
		t.Errorf("-n 0 lists %d:\n%s", strings.Count(out, "  #"), out)
	}
	if _, errOut, code := runFU(t, db, "followups", "-n", "-1"); code != 2 || !strings.Contains(errOut, "-n is -1") {
		t.Errorf("-n -1: exit %d %q", code, errOut)
	}
}
