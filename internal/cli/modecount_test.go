package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Issue 15: five sales and five job No's, all timing. Insights and the
// closer-to-yes meter count only the mode in use; the journal, the streak
// and the follow-ups are the person's and count both.
func TestEachModeCountsOnlyItsNos(t *testing.T) {
	db, st := progressDB(t)
	if err := st.SaveSettings(journal.Settings{Mode: "sales", WeekGoal: 5, Welcomed: true}); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		mode, who := "sales", "Acme"
		if i%2 == 1 {
			mode, who = "job", "Initech"
		}
		args := []string{"log", "--mode", mode, "--who", who, "--reason", "timing", "--date", fmt.Sprintf("%d days ago", i+1),
			"--change", "next quarter", "--lesson", "ask about timing first", "--follow-up", "today"}
		if mode == "sales" {
			args = append(args, "--competitor", "Globex")
		}
		if _, errOut, code := runProgressCLI(t, db, args...); code != 0 {
			t.Fatalf("log %d: exit %d: %s", i, code, errOut)
		}
	}

	type report struct {
		Total   int `json:"total"`
		Reasons []struct {
			Reason string `json:"reason"`
			Count  int    `json:"count"`
		} `json:"reasons"`
		Competitors []struct {
			Name  string `json:"name"`
			Count int    `json:"count"`
		} `json:"competitors"`
	}
	insightsOf := func(args ...string) report {
		t.Helper()
		out, errOut, code := runProgressCLI(t, db, append([]string{"insights", "--period", "all", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("insights %v: exit %d: %s", args, code, errOut)
		}
		var r report
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		return r
	}
	for _, c := range []struct {
		name        string
		args        []string
		competitors int
	}{{"saved mode (sales)", nil, 1}, {"--mode sales", []string{"--mode", "sales"}, 1}, {"--mode job", []string{"--mode", "job"}, 0}} {
		r := insightsOf(c.args...)
		if r.Total != 5 || len(r.Reasons) != 1 || r.Reasons[0].Reason != "timing" || r.Reasons[0].Count != 5 {
			t.Errorf("%s: total %d, reasons %+v; want timing in 5 of 5", c.name, r.Total, r.Reasons)
		}
		if len(r.Competitors) != c.competitors || (c.competitors == 1 && r.Competitors[0].Count != 5) {
			t.Errorf("%s: competitors %+v", c.name, r.Competitors)
		}
	}

	// The person's numbers: both modes, whatever the mode in use.
	for _, mode := range []string{"sales", "job"} {
		out, errOut, code := runProgressCLI(t, db, "streak", "--json", "--mode", mode)
		if code != 0 {
			t.Fatalf("streak: exit %d: %s", code, errOut)
		}
		var s struct {
			TotalActive int `json:"total_active"`
		}
		if err := json.Unmarshal([]byte(out), &s); err != nil || s.TotalActive != 10 {
			t.Errorf("--mode %s: streak total_active %d (%v); want 10 active days, both modes", mode, s.TotalActive, err)
		}
		out, errOut, code = runProgressCLI(t, db, "followups", "--json", "--mode", mode)
		if code != 0 {
			t.Fatalf("followups: exit %d: %s", code, errOut)
		}
		var fus []map[string]any
		if err := json.Unmarshal([]byte(out), &fus); err != nil || len(fus) != 10 {
			t.Errorf("--mode %s: %d follow-ups due (%v); want 10, both modes", mode, len(fus), err)
		}
	}
	// The journal lists every mode; --mode lists one.
	for _, c := range []struct {
		args []string
		want int
	}{{nil, 10}, {[]string{"--mode", "job"}, 5}} {
		out, errOut, code := runProgressCLI(t, db, append([]string{"journal", "--json"}, c.args...)...)
		if code != 0 {
			t.Fatalf("journal: exit %d: %s", code, errOut)
		}
		var nos []journal.No
		if err := json.Unmarshal([]byte(out), &nos); err != nil || len(nos) != c.want {
			t.Errorf("journal %v: %d No's (%v); want %d", c.args, len(nos), err, c.want)
		}
		for _, n := range nos {
			if len(c.args) > 0 && n.Mode != "job" {
				t.Errorf("journal --mode job lists No %d of %s", n.ID, n.Mode)
			}
		}
	}
}

// Closer to yes counts the mode's No's: ten sales No's of which two became a
// yes, ten job No's of which none did.
func TestCloserToYesPerMode(t *testing.T) {
	db, st := accDB(t)
	if err := st.SaveSettings(journal.Settings{Mode: "sales", WeekGoal: 5, Welcomed: true}); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		n := journal.No{Who: "Acme", Mode: []string{"sales", "job"}[i%2], Date: journal.Today(accNow).AddDays(-i - 1), Reason: "timing"}
		if i == 0 || i == 2 {
			n.SetOutcome(journal.OutcomeYes, accNow)
		}
		if err := st.AddNo(&n, accNow); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ mode, want string }{
		{"sales", "Closer to yes — About 1 in 5 of your No's became a yes: 2 of 10."},
		{"job", "Closer to yes — None of your 10 No's has become a yes yet"},
	} {
		out, errOut, code := runAccessible(t, db, "", "--mode", c.mode)
		if code != 0 {
			t.Fatalf("home --mode %s: exit %d: %s", c.mode, code, errOut)
		}
		if !strings.Contains(out, c.want) {
			t.Errorf("home --mode %s: want %q in\n%s", c.mode, c.want, out)
		}
	}
}
