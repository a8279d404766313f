package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// rulesExport is a small valid export; the hostile record of each case is
// nos[1] (who "Hostile"), reflections[0], wins[0], rest_days[0] or the
// settings.
func rulesExport() journal.Export {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	no := func(who string) journal.No {
		return journal.No{Date: "2026-11-02", CreatedAt: at, UpdatedAt: at, Mode: "sales", Who: who,
			Reason: "price", Outcome: journal.OutcomeOpen,
			OutcomeHistory: []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: at}}}
	}
	return journal.Export{
		Format: journal.ExportFormat, ExportedAt: at,
		Nos:         []journal.No{no("Acme"), no("Hostile")},
		Reflections: []journal.Reflection{{Date: "2026-11-02", Mood: 3, Win: "called back", CompletedAt: at}},
		Wins:        []journal.Win{{Date: "2026-11-02", Who: "Initech", Mode: "sales", CreatedAt: at}},
		RestDays:    []journal.Day{"2026-11-01"},
		Settings:    &journal.Settings{Mode: "sales", WeekGoal: 4, Welcomed: true},
	}
}

// recordLine is the line of the '{' that opens the record holding marker.
func recordLine(data []byte, marker string) int {
	i := bytes.Index(data, []byte(marker))
	if i < 0 {
		return 0
	}
	open := bytes.LastIndexByte(data[:i], '{')
	return bytes.Count(data[:open], []byte("\n")) + 1
}

func TestImportRefusesWhatTheCommandLineRefuses(t *testing.T) {
	big := strings.Repeat("x", 20_000_000)
	field := strings.Repeat("y", journal.MaxField+1)
	at1800 := time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		edit   func(e *journal.Export)
		marker string // in the hostile record, to find its line
		want   string // after "<item> (line N): "
		item   string
	}{
		{"a text field over 64 KB", func(e *journal.Export) { e.Nos[1].Said = field }, `"Hostile"`,
			"said is 65,537 bytes; a field holds at most 65,536 bytes (64 KB)", "nos[1]"},
		{"a 20 MB text field", func(e *journal.Export) { e.Nos[1].Lesson = big }, `"Hostile"`,
			"lesson is 20,000,000 bytes; a field holds at most 65,536 bytes (64 KB)", "nos[1]"},
		{"33 tags", func(e *journal.Export) { e.Nos[1].Tags = strings.Split(strings.Repeat("t,", 33)[:65], ",") }, `"Hostile"`,
			"a No can carry at most 32 tags; this one has 33", "nos[1]"},
		{"a 101-byte tag", func(e *journal.Export) { e.Nos[1].Tags = []string{"a", "b", strings.Repeat("c", 101)} }, `"Hostile"`,
			"tag 3 is 101 bytes; a tag is at most 100 bytes", "nos[1]"},
		{"a 20 MB tag", func(e *journal.Export) { e.Nos[1].Tags = []string{"a", "b", big} }, `"Hostile"`,
			"tag 3 is 20,000,000 bytes; a tag is at most 100 bytes", "nos[1]"},
		{"1,001 outcome-history entries", func(e *journal.Export) {
			h := e.Nos[1].OutcomeHistory[0]
			for len(e.Nos[1].OutcomeHistory) <= journal.MaxHistory {
				e.Nos[1].OutcomeHistory = append(e.Nos[1].OutcomeHistory, h)
			}
		}, `"Hostile"`, "the outcome history has 1,001 entries; a No keeps at most 1,000", "nos[1]"},
		{"a date before 1900", func(e *journal.Export) { e.Nos[1].Date = "1899-12-31" }, `"Hostile"`,
			"the date 1899-12-31 is out of range; dates run from 1900-01-01 to 2200-12-31", "nos[1]"},
		{"a follow-up after 2200", func(e *journal.Export) { e.Nos[1].FollowUp = "2201-01-01" }, `"Hostile"`,
			"the follow-up date 2201-01-01 is out of range", "nos[1]"},
		{"a created_at in year 3000", func(e *journal.Export) { e.Nos[1].CreatedAt = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC) }, `"Hostile"`,
			"created_at is 3000-01-01T00:00:00Z; times run from 1900-01-01 to 2200-12-31", "nos[1]"},
		{"a history time in 1800", func(e *journal.Export) { e.Nos[1].OutcomeHistory[0].At = at1800 }, `"Hostile"`,
			"outcome history entry 1 is dated 1800-01-01T00:00:00Z", "nos[1]"},
		{"an unknown mode", func(e *journal.Export) { e.Nos[1].Mode = "../../x" }, `"Hostile"`,
			`unknown mode "../../x"; choose one of: sales, job, school, personal`, "nos[1]"},
		{"a reason of another mode", func(e *journal.Export) { e.Nos[1].Reason = "filled-internally" }, `"Hostile"`,
			`unknown reason "filled-internally" for mode sales`, "nos[1]"},
		{"an unknown assumed reason", func(e *journal.Export) { e.Nos[1].Assumed = "bad-luck" }, `"Hostile"`,
			`unknown assumed reason "bad-luck" for mode sales`, "nos[1]"},
		{"an unknown kind", func(e *journal.Export) { e.Nos[1].Kind = "maybe-later" }, `"Hostile"`,
			`unknown kind of no "maybe-later"`, "nos[1]"},
		{"an unknown outcome", func(e *journal.Export) { e.Nos[1].Outcome = "won" }, `"Hostile"`,
			`unknown outcome "won"`, "nos[1]"},
		{"more than 1 MB of text", func(e *journal.Export) {
			n := &e.Nos[1]
			for _, f := range []*string{&n.Offer, &n.Channel, &n.Said, &n.ReasonText, &n.Change, &n.Competitor, &n.CompetitorWhy, &n.Lesson, &n.Next} {
				*f = strings.Repeat("z", journal.MaxField)
			}
			for range 8 {
				n.Debrief = append(n.Debrief, journal.Answer{Prompt: "Why?", Answer: strings.Repeat("w", journal.MaxField)})
			}
		}, `"Hostile"`, "the No holds 1,088 KB of text; one No holds at most 1024 KB", "nos[1]"},
		{"101 debrief answers", func(e *journal.Export) {
			for range journal.MaxAnswers + 1 {
				e.Nos[1].Debrief = append(e.Nos[1].Debrief, journal.Answer{Prompt: "Why?", Answer: "price"})
			}
		}, `"Hostile"`, "the debrief has 101 answers; a No keeps at most 100", "nos[1]"},
		{"a reflection in 1850", func(e *journal.Export) { e.Reflections[0].Date = "1850-01-01" }, `"mood":`,
			"the reflection date 1850-01-01 is out of range", "reflections[0]"},
		{"a reflection answer over 64 KB", func(e *journal.Export) {
			e.Reflections[0].Answers = []journal.Answer{{Prompt: "What went well?", Answer: field}}
		}, `"mood":`, "answer 1 is 65,537 bytes", "reflections[0]"},
		{"a mood of 9", func(e *journal.Export) { e.Reflections[0].Mood = 9 }, `"mood":`,
			"a mood is a number from 1 (rough) to 5 (strong), 0 when not given, not 9", "reflections[0]"},
		{"a win of an unknown mode", func(e *journal.Export) { e.Wins[0].Mode = "../../x" }, `"Initech"`,
			`unknown mode "../../x"`, "wins[0]"},
		{"a win with a 20 MB who", func(e *journal.Export) { e.Wins[0].Who = "Initech" + big }, `"date": "2026-11-02",
      "who": "Initech`, "who is 20,000,007 bytes; a field holds at most 65,536 bytes (64 KB)", "wins[0]"},
		{"a rest day in 2300", func(e *journal.Export) { e.RestDays[0] = "2300-01-01" }, "",
			"the rest day 2300-01-01 is out of range", "rest_days[0]"},
		{"settings.mode ../../x", func(e *journal.Export) { e.Settings.Mode = "../../x" }, `"welcomed"`,
			`unknown mode "../../x"; choose one of: sales, job, school, personal`, "settings"},
		{"a week goal of 9", func(e *journal.Export) { e.Settings.WeekGoal = 9 }, `"welcomed"`,
			"the week goal is 9; it is a number of days from 0 to 7", "settings"},
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "j.db")
	if _, errOut, code := runCLI(t, progressNow, "", db, "log", "--who", "Mine", "--reason", "price"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := rulesExport()
			c.edit(&e)
			data, err := json.MarshalIndent(e, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, fmt.Sprintf("hostile-%d.json", i))
			if err := os.WriteFile(file, data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, errOut, code := runCLI(t, progressNow, "", db, "import", file)
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d: %s", code, ExitUsage, errOut)
			}
			// One sentence: the file, the item and its line, what is wrong.
			m := regexp.MustCompile(`^` + regexp.QuoteMeta(file+": "+c.item) + ` \(line (\d+)\): (.*); nothing was imported\n$`).FindStringSubmatch(errOut)
			if m == nil || !strings.Contains(m[2], c.want) {
				t.Fatalf("message %q\nwant %s (line N): …%s…; nothing was imported", errOut, c.item, c.want)
			}
			if c.marker != "" {
				if line, _ := strconv.Atoi(m[1]); line != recordLine(data, c.marker) {
					t.Errorf("line %d; the record starts on line %d", line, recordLine(data, c.marker))
				}
			}
			after, err := os.ReadFile(db)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Error("the journal changed although the import was refused")
			}
		})
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Count(); n != 1 {
		t.Errorf("%d No's after refused imports, want the 1 logged", n)
	}
}

// What is exactly at each limit imports: the limits refuse typos and
// attacks, not a journal the command line could have written.
func TestImportTakesWhatIsAtTheLimits(t *testing.T) {
	e := rulesExport()
	n := &e.Nos[1]
	n.Date, n.FollowUp = "1900-01-01", "2200-12-31"
	n.Tags = nil
	for i := range journal.MaxTags {
		n.Tags = append(n.Tags, fmt.Sprintf("%03d", i)+strings.Repeat("t", journal.MaxTag-3))
	}
	for len(n.OutcomeHistory) < journal.MaxHistory {
		n.OutcomeHistory = append(n.OutcomeHistory, n.OutcomeHistory[0])
	}
	n.Said = strings.Repeat("<", journal.MaxField) // six bytes each as JSON
	e.Settings.Mode = "job"
	data, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file, db := filepath.Join(dir, "limits.json"), filepath.Join(dir, "j.db")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, progressNow, "", db, "import", file)
	if code != 0 || !strings.Contains(out, "Imported 2 No's, 1 reflection and 1 win") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	var got journal.No
	for id := uint64(1); id <= 2; id++ {
		if x, err := st.GetNo(id); err == nil && x.Who == "Hostile" {
			got = x
		}
	}
	if len(got.Tags) != journal.MaxTags || len(got.OutcomeHistory) != journal.MaxHistory || got.Said != n.Said || got.Date != "1900-01-01" {
		t.Errorf("the No at the limits changed on the way in: %d tags, %d history entries, date %s", len(got.Tags), len(got.OutcomeHistory), got.Date)
	}
	if set, _ := st.Settings(); set.Mode != "job" {
		t.Errorf("settings mode %q, want job", set.Mode)
	}
}

// log and edit refuse a tag import would refuse (one check, in journal).
func TestTagLimitOnTheCommandLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "j.db")
	long := strings.Repeat("t", 65_537)
	_, errOut, code := runCLI(t, progressNow, "", db, "log", "--who", "Acme", "--tag", "q4", "--tag", long)
	if code != ExitUsage || !strings.Contains(errOut, "tag 2 is 65,537 bytes; a tag is at most 100 bytes") {
		t.Fatalf("log: exit %d, %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, progressNow, "", db, "log", "--who", "Acme", "--tag", strings.Repeat("t", 100)); code != 0 {
		t.Fatalf("a 100-byte tag: %s", errOut)
	}
	_, errOut, code = runCLI(t, progressNow, "", db, "edit", "1", "--tag", strings.Repeat("t", 101))
	if code != ExitUsage || !strings.Contains(errOut, "tag 1 is 101 bytes; a tag is at most 100 bytes") {
		t.Fatalf("edit: exit %d, %s", code, errOut)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := st.GetNo(1); len(n.Tags) != 1 || len(n.Tags[0]) != 100 {
		t.Errorf("tags after a refused edit: %d", len(n.Tags))
	}
	if c, _ := st.Count(); c != 1 {
		t.Errorf("%d No's, want 1", c)
	}
}

// A journal whose saved mode this build does not have (an import from
// before modes were checked) stops log; doctor must say so.
func TestDoctorNamesAnUnknownSavedMode(t *testing.T) {
	db := filepath.Join(t.TempDir(), "j.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveSettings(journal.Settings{Mode: "../../x", WeekGoal: 3, Welcomed: true}); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCLI(t, progressNow, "", db, "doctor")
	if code == 0 || !strings.Contains(out, `settings: the saved mode "../../x" is not a mode of this Rebound`) || strings.Contains(out, "All is well") {
		t.Fatalf("doctor: exit %d\n%s", code, out)
	}
	if _, errOut, code := runCLI(t, progressNow, "", db, "settings", "--set-mode", "sales"); code != 0 {
		t.Fatalf("settings --set-mode: %s", errOut)
	}
	if out, _, code := runCLI(t, progressNow, "", db, "doctor"); code != 0 || !strings.Contains(out, "All is well") {
		t.Fatalf("doctor after the fix: exit %d\n%s", code, out)
	}
}
