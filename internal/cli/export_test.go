package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// TestExportStreamsWhatExportHolds: the streamed export writes what the
// whole journal in memory gave, in every format, empty or not.
func TestExportStreamsWhatExportHolds(t *testing.T) {
	skipShort(t)
	for _, nos := range []int{0, 1, 1234} {
		db, st := progressDB(t)
		for i := range nos {
			n := journal.No{Who: fmt.Sprintf("Acme <%d> \"q\"", i%7), Date: journal.Day(fmt.Sprintf("2026-%02d-%02d", 1+i%11, 1+i%28)),
				Said: "line one\nline two", Reason: "price", Tags: []string{"a", "b"}, Feeling: i % 5}
			if err := st.AddNo(&n, progressNow); err != nil {
				t.Fatal(err)
			}
		}
		if nos > 0 {
			if _, err := st.SaveReflection(journal.Reflection{Date: "2026-11-20", Mood: 3, Win: "a call", CompletedAt: progressNow,
				Answers: []journal.Answer{{Prompt: "p", Answer: "a"}}}); err != nil {
				t.Fatal(err)
			}
		}
		e, err := st.Export(progressNow)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := writeJSON(&want, e); err != nil {
			t.Fatal(err)
		}
		got, errs, code := runProgressCLI(t, db, "export", "--format", "json")
		if code != 0 || got != want.String() {
			t.Errorf("%d No's: json differs (exit %d %s):\n%.400s\nwant\n%.400s", nos, code, errs, got, want.String())
		}
		// CSV: read back with encoding/csv, one row per No in export order.
		out, _, _ := runProgressCLI(t, db, "export", "--format", "csv")
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) != len(e.Nos)+1 || strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
			t.Fatalf("%d No's: csv has %d rows (%v)", nos, len(rows), err)
		}
		for i, n := range e.Nos {
			r := rows[i+1]
			col := func(name string) string { return r[slices.Index(csvHeader, name)] }
			if r[0] != strconv.FormatUint(n.ID, 10) || r[1] != string(n.Date) || col("who") != n.Who || col("said") != n.Said ||
				col("reason") != n.Reason || col("tags") != strings.Join(n.Tags, ";") {
				t.Fatalf("%d No's: csv row %d = %q, want No %+v", nos, i, r, n)
			}
		}
		// Markdown: a heading per No (newest first) and per month, text made inert.
		md, _, _ := runProgressCLI(t, db, "export", "--format", "md")
		if got := len(regexp.MustCompile(`(?m)^### \d{4}-\d{2}-\d{2} — `).FindAllString(md, -1)); got != len(e.Nos) {
			t.Errorf("%d No's: md has %d No headings", nos, got)
		}
		if nos > 0 {
			newest, oldest := e.Nos[len(e.Nos)-1], e.Nos[0]
			first := fmt.Sprintf("### %s — %s (#%d)", newest.Date, textsafe.Inline(newest.Who), newest.ID)
			last := fmt.Sprintf("### %s — %s (#%d)", oldest.Date, textsafe.Inline(oldest.Who), oldest.ID)
			if i, j := strings.Index(md, first), strings.Index(md, last); i < 0 || j < i {
				t.Errorf("%d No's: md is not newest first (%q at %d, %q at %d)", nos, first, i, last, j)
			}
			if !strings.Contains(md, "## January 2026") || !strings.Contains(md, "> line one\n> line two") ||
				!strings.Contains(md, "## Reflections") || !strings.Contains(md, "- **Win:** a call") {
				t.Errorf("%d No's: md lacks months, quotes or reflections:\n%.600s", nos, md)
			}
		}
	}
}

// The contact travels with the No: show, every export format, and an
// import of the JSON export into a new journal; labels speak the No's mode
// (a school No shows what stronger work looked like, never "competitor").
func TestContactAndModeWordsInShowAndExport(t *testing.T) {
	db := t.TempDir() + "/rebound.db"
	mustRun(t, db, "log", "--who", "Globex Inc", "--contact", "Dana", "--competitor", "Initech", "--competitor-why", "cheaper")
	mustRun(t, db, "log", "--mode", "school", "--who", "Ms. Novak", "--competitor", "A clear thesis up front", "--competitor-why", "easy to follow")
	mustRun(t, db, "log", "--mode", "job", "--who", "Hooli", "--competitor", "An internal SRE")

	if out := mustRun(t, db, "show", "1"); !strings.Contains(out, "contact") || !strings.Contains(out, "Dana") ||
		!strings.Contains(out, "competitor") || !strings.Contains(out, "why them") {
		t.Errorf("show 1:\n%s", out)
	}
	school := mustRun(t, db, "show", "2")
	job := mustRun(t, db, "show", "3")
	if !strings.Contains(school, "stronger work") || !strings.Contains(school, "why it was stronger") || !strings.Contains(job, "stronger profile") {
		t.Errorf("show speaks sales:\n%s\n%s", school, job)
	}
	for _, out := range []string{school, job} {
		if strings.Contains(strings.ToLower(out), "competitor") {
			t.Errorf("show prints a sales word for a %s No:\n%s", "non-sales", out)
		}
	}

	md := mustRun(t, db, "export", "--format", "md")
	for _, want := range []string{"- **Contact:** Dana", "- **Competitor:** Initech cheaper", "- **Stronger work:** A clear thesis up front", "- **Stronger profile:** An internal SRE"} {
		if !strings.Contains(md, want) {
			t.Errorf("md lacks %q:\n%s", want, md)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(mustRun(t, db, "export", "--format", "csv"))).ReadAll()
	contacts := []string{}
	for _, r := range rows[1:] {
		contacts = append(contacts, r[slices.Index(csvHeader, "contact")])
	}
	if err != nil || !slices.Contains(contacts, "Dana") {
		t.Errorf("csv lacks the contact: %q (%v)", contacts, err)
	}

	js := mustRun(t, db, "export", "--format", "json")
	if !strings.Contains(js, `"contact": "Dana"`) {
		t.Fatalf("json export lacks the contact:\n%.800s", js)
	}
	file := t.TempDir() + "/export.json"
	if err := os.WriteFile(file, []byte(js), 0o600); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir() + "/other.db"
	mustRun(t, other, "import", file)
	if out := mustRun(t, other, "show", "1", "--json"); !strings.Contains(out, `"contact": "Dana"`) {
		t.Errorf("the imported No lost its contact:\n%s", out)
	}
}

// `rebound reasons` says what each reason covers (its hint), so choosing an
// id for --reason does not mean guessing from a label.
func TestReasonsShowTheirHints(t *testing.T) {
	db := t.TempDir() + "/rebound.db"
	out := mustRun(t, db, "reasons", "--mode", "job")
	for _, want := range []string{"filled-internally", "Filled internally — The role went to someone already inside the company.",
		"no-feedback", "A form rejection or silence"} {
		if !strings.Contains(out, want) {
			t.Errorf("reasons lacks %q:\n%s", want, out)
		}
	}
}
