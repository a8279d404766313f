package cli

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// seedWindows logs, in sales mode, before (Oct 27 - Nov 9) 20 No's of which
// 10 give price or budget, and after (Nov 10 - 23) 20 of which 2 do, plus
// job No's that must not count.
func seedWindows(t *testing.T, db string) {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	add := func(d journal.Day, mode, reason string) {
		n := journal.No{Who: "P", Date: d, Mode: mode, Reason: reason}
		if err := st.AddNo(&n, fuNow); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 20 {
		r := "timing"
		if i < 5 {
			r = "price"
		} else if i < 10 {
			r = "budget"
		}
		add(journal.Day("2026-10-27").AddDays(i%14), "sales", r)
		r = "timing"
		if i < 2 {
			r = "price"
		}
		add(journal.Day("2026-11-10").AddDays(i%14), "sales", r)
		add(journal.Day("2026-11-10").AddDays(i%14), "job", "fit")
	}
	add("2026-10-26", "sales", "price") // the day before the before window
}

func TestExperimentCommands(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	seedWindows(t, db)

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"experiment", "start", "Lead with ROI", "--mode", "sales"}, "--watch"},
		{[]string{"experiment", "start", "Lead with ROI", "--mode", "sales", "--watch", "price,cost"}, `unknown reason "cost"`},
		{[]string{"experiment", "start", "Lead with ROI", "--mode", "job", "--watch", "price"}, "choose one of: "},
		{[]string{"experiment", "start", "Lead with ROI", "--mode", "sales", "--watch", "price", "--date", "tomorrow"}, "in the future"},
		{[]string{"experiment", "start", " ", "--mode", "sales", "--watch", "price"}, "no name"},
		{[]string{"experiment", "end", "x"}, "not an experiment id"},
		{[]string{"experiment", "end", "1"}, "there is no experiment 1"},
	} {
		_, errOut, code := runFU(t, db, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%q: exit %d, %q; want exit 2 saying %q", c.args, code, errOut, c.want)
		}
	}
	if out := mustRun(t, db, "experiment", "list", "--mode", "sales", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("no experiments yet: %q, want []", out)
	}

	out := mustRun(t, db, "experiment", "start", "Lead with ROI", "--mode", "sales", "--watch", "price, budget", "--date", "13 days ago")
	if !strings.Contains(out, "Started experiment #1 “Lead with ROI” (sales) on 2026-11-10, watching price, budget.") {
		t.Errorf("start says %q", out)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "experiment", "list", "--mode", "sales", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{{
		"id": 1.0, "name": "Lead with ROI", "watch": []any{"price", "budget"}, "start": "2026-11-10", "end": nil,
		"before":  map[string]any{"count": 10.0, "total": 20.0, "share": 0.5},
		"after":   map[string]any{"count": 2.0, "total": 20.0, "share": 0.1},
		"verdict": "helping", // z = -2.760, p = 0.0058 (python3 statistics.NormalDist)
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("list --json:\n got  %v\n want %v", got, want)
	}
	text := mustRun(t, db, "experiment", "list", "--mode", "sales")
	for _, w := range []string{"#1 Lead with ROI — watching price, budget · from 2026-11-10, running",
		"before (2026-10-27 to 2026-11-09): 10 of 20 No's (50%)", "during (2026-11-10 to 2026-11-23): 2 of 20 No's (10%)",
		"helping: the watched reasons fell from 50% to 10%"} {
		if !strings.Contains(text, w) {
			t.Errorf("list says %q\nwant it to say %q", text, w)
		}
	}
	if out := mustRun(t, db, "experiment", "list", "--mode", "job", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("job mode lists sales' experiment: %q", out)
	}

	if out := mustRun(t, db, "experiment", "end", "1", "--date", "yesterday"); !strings.Contains(out, "Ended experiment #1 “Lead with ROI” on 2026-11-22.") {
		t.Errorf("end says %q", out)
	}
	if _, errOut, code := runFU(t, db, "experiment", "end", "1"); code != 2 || !strings.Contains(errOut, "ended on 2026-11-22 already") {
		t.Errorf("end twice: exit %d, %q", code, errOut)
	}
	got = nil
	if err := json.Unmarshal([]byte(mustRun(t, db, "experiment", "list", "--mode", "sales", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	// Ended the 22nd: 13 days each side (Oct 28 - Nov 9: 18 No's, Nov 10 - 22: 19).
	if got[0]["end"] != "2026-11-22" || got[0]["after"].(map[string]any)["total"] != 19.0 || got[0]["before"].(map[string]any)["total"] != 18.0 {
		t.Errorf("after the end: %v", got[0])
	}
}

func TestExperimentsExportAndImport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "rebound.db")
	seedWindows(t, db)
	mustRun(t, db, "experiment", "start", "Lead with ROI", "--mode", "sales", "--watch", "price,budget", "--date", "13 days ago")
	mustRun(t, db, "experiment", "start", "Ask about the team", "--mode", "job", "--watch", "fit", "--date", "3 days ago")
	mustRun(t, db, "experiment", "end", "1")
	file := filepath.Join(dir, "export.json")
	mustRun(t, db, "export", "-o", file)

	fresh := filepath.Join(dir, "fresh.db")
	out := mustRun(t, fresh, "import", file)
	if !strings.Contains(out, "Experiments: 2 added, 0 already here.") {
		t.Errorf("import says %q", out)
	}
	for _, mode := range []string{"sales", "job"} {
		want := mustRun(t, db, "experiment", "list", "--mode", mode, "--json")
		if got := mustRun(t, fresh, "experiment", "list", "--mode", mode, "--json"); got != want {
			t.Errorf("%s after the round trip:\n%s\nwant\n%s", mode, got, want)
		}
	}
	if out := mustRun(t, fresh, "import", file); !strings.Contains(out, "Experiments: 0 added, 2 already here.") {
		t.Errorf("second import says %q", out)
	}
}

func TestExperimentStartAccessibleAsks(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	out, errOut, code := runCLI(t, fuNow, "Lead with ROI\n1\n2\n0\n3 days ago\n", db, "--accessible", "--mode", "sales", "experiment", "start")
	if code != 0 || !strings.Contains(out, "Started experiment #1 “Lead with ROI” on 2026-11-20, watching price, budget.") {
		t.Fatalf("exit %d: %s\n%s", code, out, errOut)
	}
	if got := mustRun(t, db, "experiment", "list", "--mode", "sales", "--json"); !strings.Contains(got, `"watch": [
      "price",
      "budget"
    ]`) {
		t.Errorf("stored: %s", got)
	}
	// Without --accessible a name is needed.
	if _, errOut, code := runFU(t, db, "--mode", "sales", "experiment", "start", "--watch", "price"); code != 2 || !strings.Contains(errOut, "name the change") {
		t.Errorf("no name: exit %d, %s", code, errOut)
	}
}

// The accessible home says the running experiment as home shows it.
func TestAccessibleHomeSaysTheRunningExperiment(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	seedWindows(t, db)
	mustRun(t, db, "settings", "--set-mode", "sales", "--name", "Sam")
	mustRun(t, db, "experiment", "start", "Lead with ROI", "--watch", "price,budget", "--date", "13 days ago")
	out, errOut, code := runCLI(t, fuNow, "\n", db, "--accessible")
	want := "Experiment “Lead with ROI”, day 14: helping: the watched reasons fell from 50% to 10%, more than chance explains (95%)."
	if code != 0 || !strings.Contains(out, want) {
		t.Errorf("exit %d %s\n%s\nwant %q", code, errOut, out, want)
	}
}
