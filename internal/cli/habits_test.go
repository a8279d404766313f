package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestTextFlagReadsStdin: a text flag given "-" reads standard input
// (line breaks inside kept); two flags given "-" are refused in one
// sentence; an empty input says how to pipe one.
func TestTextFlagReadsStdin(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	said := "We're worried about hidden fees,\nand the contract; all of it.\n"
	if _, errOut, code := runCLI(t, fuNow, said, db, "log", "--who", "Acme", "--said", "-"); code != 0 {
		t.Fatalf("log --said -: %d %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, fuNow, "A line-item quote\n", db, "edit", "1", "--change", "-"); code != 0 {
		t.Fatalf("edit --change -: %d %s", code, errOut)
	}
	var n map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "show", "1", "--json")), &n); err != nil {
		t.Fatal(err)
	}
	if n["said"] != strings.TrimRight(said, "\n") || n["change"] != "A line-item quote" || n["who"] != "Acme" {
		t.Errorf("saved %v", n)
	}
	_, errOut, code := runCLI(t, fuNow, "x", db, "log", "--who", "-", "--said", "-")
	if code != 2 || !strings.Contains(errOut, "--said and --who") || !strings.Contains(errOut, "only one flag") {
		t.Errorf("two flags from stdin: %d %q", code, errOut)
	}
	if _, errOut, code := runCLI(t, fuNow, "", db, "log", "--who", "B", "--said", "-"); code != 2 || !strings.Contains(errOut, "read nothing") {
		t.Errorf("empty stdin: %d %q", code, errOut)
	}
	if _, errOut, code := runCLI(t, fuNow, strings.Repeat("x", 70<<10), db, "log", "--who", "B", "--said", "-"); code != 2 || !strings.Contains(errOut, "64 KB") {
		t.Errorf("70 KB from stdin: %d %q", code, errOut)
	}
	// "-" is a value of its own for a flag that is not text.
	if out := mustRun(t, db, "journal", "--print", "--search", "-"); !strings.Contains(out, "Acme") && !strings.Contains(out, "No No's") {
		t.Errorf("--search -: %q", out)
	}
}

// TestJournalFieldFiltersAndDates: --reason, --kind, --outcome, --tag,
// --who, --from and --to on journal; --from/--to on insights; --due
// --count prints one number.
func TestJournalFieldFiltersAndDates(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	mustRun(t, db, "log", "--who", "Acme Corp", "--reason", "price", "--kind", "not-now", "--date", "2026-10-02", "--tag", "q4", "--follow-up", "3 days ago")
	mustRun(t, db, "log", "--who", "Globex", "--reason", "price", "--kind", "final", "--date", "2026-11-10", "--follow-up", "today")
	mustRun(t, db, "log", "--who", "Acme Labs", "--reason", "timing", "--kind", "not-now", "--date", "2026-11-20", "--tag", "Q4", "--follow-up", "in 3 days")
	ids := func(out string) string {
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if f := strings.Fields(l); len(f) > 0 && strings.HasPrefix(f[0], "#") {
				got = append(got, f[0])
			}
		}
		return strings.Join(got, " ")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--reason", "price"}, "#2 #1"},
		{[]string{"--kind", "not now"}, "#3 #1"},
		{[]string{"--tag", "q4"}, "#3 #1"},
		{[]string{"--who", "acme"}, "#3 #1"},
		{[]string{"--who", "acme", "--reason", "price"}, "#1"},
		{[]string{"--from", "2026-11-01"}, "#3 #2"},
		{[]string{"--from", "2026-11-01", "--to", "2026-11-15"}, "#2"},
		{[]string{"--to", "3 weeks ago"}, "#1"},
		{[]string{"--outcome", "open", "--kind", "final"}, "#2"},
	} {
		if got := ids(mustRun(t, db, append([]string{"journal", "--print"}, tc.args...)...)); got != tc.want {
			t.Errorf("journal %v: %q, want %q", tc.args, got, tc.want)
		}
	}
	if out := mustRun(t, db, "journal", "--print", "--who", "nobody"); !strings.HasPrefix(out, "No No's match") {
		t.Errorf("no match: %q", out)
	}
	if _, errOut, code := runFU(t, db, "journal", "--print", "--from", "2026-11-20", "--to", "2026-11-01"); code != 2 || !strings.Contains(errOut, "after --to") {
		t.Errorf("from after to: %d %q", code, errOut)
	}
	if _, errOut, code := runFU(t, db, "journal", "--print", "--kind", "maybe-later"); code != 2 || !strings.Contains(errOut, "kind") {
		t.Errorf("bad kind: %d %q", code, errOut)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "journal", "--json", "--tag", "Q4", "--from", "2026-11-01")), &items); err != nil || len(items) != 1 || items[0]["who"] != "Acme Labs" {
		t.Errorf("journal --json --tag --from: %v %v", items, err)
	}

	if out := mustRun(t, db, "followups", "--due", "--count"); out != "2\n" {
		t.Errorf("--due --count: %q", out)
	}
	if out := mustRun(t, db, "followups", "--count"); out != "3\n" {
		t.Errorf("--count: %q", out)
	}
	if _, _, code := runFU(t, db, "followups", "--due"); code != 2 {
		t.Errorf("--due alone: exit %d", code)
	}

	var r map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "insights", "--json", "--from", "2026-11-01", "--to", "2026-11-15")), &r); err != nil {
		t.Fatal(err)
	}
	if s, _ := json.Marshal(r); !strings.Contains(string(s), `"nos":1`) && !strings.Contains(string(s), `"total":1`) {
		t.Errorf("insights 2026-11-01..15 counts other than Globex's No: %s", s)
	}
	if out := mustRun(t, db, "insights", "--print", "--from", "2026-11-01", "--to", "2026-11-15"); !strings.Contains(out, "2026-11-01..2026-11-15") {
		t.Errorf("insights --print --from: %s", out)
	}
	if _, errOut, code := runFU(t, db, "insights", "--period", "7d", "--from", "2026-11-01"); code != 2 || !strings.Contains(errOut, "--period") {
		t.Errorf("--period with --from: %d %q", code, errOut)
	}
}

// TestExportFromTo: --from/--to export the No's, reflections and rest
// days of those days, in every format; the JSON imports into an empty
// journal with exactly those No's.
func TestExportFromTo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "rebound.db")
	for i, d := range []string{"2026-09-30", "2026-10-01", "2026-10-15", "2026-10-31", "2026-11-01"} {
		mustRun(t, db, "log", "--who", fmt.Sprintf("P%d", i), "--date", d, "--said", "a, b; \"c\"")
	}
	out := mustRun(t, db, "export", "--from", "2026-10-01", "--to", "2026-10-31")
	var e struct {
		Nos []struct {
			Who  string `json:"who"`
			Date string `json:"date"`
		} `json:"nos"`
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got []string
	for _, n := range e.Nos {
		got = append(got, n.Who)
	}
	if strings.Join(got, " ") != "P1 P2 P3" {
		t.Errorf("JSON No's %v", got)
	}
	file := filepath.Join(dir, "oct.json")
	mustRun(t, db, "export", "--from", "2026-10-01", "--to", "2026-10-31", "-o", file)
	other := filepath.Join(dir, "other.db")
	if _, errOut, code := runFU(t, other, "import", file); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if out := mustRun(t, other, "journal", "--print"); strings.Count(out, "\n") != 3 || strings.Contains(out, "P0") || strings.Contains(out, "P4") {
		t.Errorf("imported:\n%s", out)
	}
	if csv := mustRun(t, db, "export", "--format", "csv", "--from", "2026-10-15"); strings.Count(csv, "\n") != 4 || !strings.Contains(csv, "P4") || strings.Contains(csv, "P1") {
		t.Errorf("csv --from:\n%s", csv)
	}
	if md := mustRun(t, db, "export", "--format", "md", "--to", "2026-09-30"); !strings.Contains(md, "P0") || strings.Contains(md, "P1") {
		t.Errorf("md --to:\n%s", md)
	}
}

func TestScreenFilterOfTheFlags(t *testing.T) {
	got := screenFilter("hidden fees", map[string]string{"reason": "price", "who": `Acme "Corp"`, "kind": "not now", "tag": ""})
	if want := `reason:price kind:"not now" who:"Acme Corp" hidden fees`; got != want {
		t.Errorf("screenFilter = %q, want %q", got, want)
	}
}
