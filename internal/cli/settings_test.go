package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// runSettingsCLI runs the command line in-process with piped streams (no
// terminal), the way a script calls it.
func runSettingsCLI(t *testing.T, db string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCLI(t, time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local), "", db, args...)
}

func storedSettings(t *testing.T, db string) journal.Settings {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSettingsPrintAndChange(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")

	out, _, code := runSettingsCLI(t, db, "settings")
	if code != 0 || !strings.Contains(out, "Mode:        Sales (sales)") || !strings.Contains(out, "5 active days a week") ||
		!strings.Contains(out, "(not set") || strings.Contains(out, "\x1b") {
		t.Fatalf("default settings (exit %d):\n%q", code, out)
	}

	out, _, code = runSettingsCLI(t, db, "settings", "--set-mode", "Job", "--name", "  Sam  Rivera ", "--week-goal", "4")
	if code != 0 || !strings.Contains(out, "Settings saved.") || !strings.Contains(out, "Job search (job)") ||
		!strings.Contains(out, "Sam Rivera") || !strings.Contains(out, "4 active days a week") {
		t.Fatalf("after change (exit %d):\n%s", code, out)
	}
	want := journal.Settings{Mode: "job", Name: "Sam  Rivera", WeekGoal: 4, Welcomed: true}
	if got := storedSettings(t, db); !got.Equal(want) {
		t.Fatalf("stored %+v, want %+v", got, want)
	}

	// Changing one keeps the others.
	if _, _, code = runSettingsCLI(t, db, "settings", "--week-goal", "1"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	want.WeekGoal = 1
	if got := storedSettings(t, db); !got.Equal(want) {
		t.Fatalf("stored %+v, want %+v", got, want)
	}

	out, _, code = runSettingsCLI(t, db, "settings", "--json")
	var js map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &js) != nil {
		t.Fatalf("--json (exit %d): %s", code, out)
	}
	if js["mode"] != "job" || js["name"] != "Sam  Rivera" || js["week_goal"] != float64(1) || js["welcomed"] != true || js["db"] != db {
		t.Fatalf("--json: %v", js)
	}

	// --mode is for one command only.
	out, _, _ = runSettingsCLI(t, db, "settings", "--mode", "school")
	if !strings.Contains(out, "Job search (job)") || !strings.Contains(out, "--mode school applies to this command only") {
		t.Fatalf("--mode:\n%s", out)
	}
	if got := storedSettings(t, db); got.Mode != "job" {
		t.Fatalf("--mode was saved: %+v", got)
	}

	// --name "" clears the name.
	if _, _, code = runSettingsCLI(t, db, "settings", "--name", ""); code != 0 || storedSettings(t, db).Name != "" {
		t.Fatalf("clearing the name: exit %d, %+v", code, storedSettings(t, db))
	}
}

func TestSettingsRefusesBadValuesAndWritesNothing(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	if _, _, code := runSettingsCLI(t, db, "settings", "--name", "Kept"); code != 0 {
		t.Fatal(code)
	}
	before := storedSettings(t, db)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--week-goal", "9"}, "from 1 to 7, not 9"},
		{[]string{"--week-goal", "0"}, "from 1 to 7, not 0"},
		{[]string{"--set-mode", "finance"}, "choose one of: sales, job, school, personal"},
		{[]string{"--set-mode", ""}, "choose one of"},
		{[]string{"--name", "Evil\x1b[2J"}, "control characters"},
		{[]string{"--name", "Two\nlines"}, "control characters"},
		{[]string{"--name", strings.Repeat("x", 101)}, "keep it to 100"},
		{[]string{"--set-mode", "job", "--week-goal", "8"}, "not 8"}, // nothing half-applied
		{[]string{"--workdays", "mon,funday"}, `"funday" is not a day of the week`},
		{[]string{"--workdays", ""}, "at least one workday"},
		{[]string{"--workdays", "mon,tue", "--week-goal", "3"}, "yours are Monday and Tuesday: choose a --week-goal from 1 to 2"},
	} {
		out, errs, code := runSettingsCLI(t, db, append([]string{"settings"}, c.args...)...)
		if code != ExitUsage || !strings.Contains(errs, c.want) || out != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want exit 2 with %q", c.args, code, errs, out, c.want)
		}
		if strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: more than one line: %q", c.args, errs)
		}
	}
	if got := storedSettings(t, db); !got.Equal(before) {
		t.Fatalf("a refused change was written: %+v, was %+v", got, before)
	}
}

func TestReflectNeedsATerminal(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	out, errs, code := runSettingsCLI(t, db, "reflect")
	if code != ExitUsage || !strings.Contains(errs, "rebound reflect needs a terminal") || out != "" {
		t.Fatalf("reflect without a terminal: exit %d, stderr %q, stdout %q", code, errs, out)
	}
}

// TestSettingsWorkdays: --workdays saves the week (JSON: an array of ids,
// all seven for a journal that never chose), says past streaks are
// recounted, lowers a goal the week cannot hold, and the streak follows.
func TestSettingsWorkdays(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	out, _, code := runSettingsCLI(t, db, "settings", "--json")
	var js struct {
		Workdays []string `json:"workdays"`
		WeekGoal int      `json:"week_goal"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &js) != nil || len(js.Workdays) != 7 {
		t.Fatalf("a journal without workdays (exit %d): %s", code, out)
	}
	if _, _, code := runSettingsCLI(t, db, "settings", "--week-goal", "7"); code != 0 {
		t.Fatal(code)
	}
	out, errs, code := runSettingsCLI(t, db, "settings", "--workdays", "mon,tue,wed,thu,fri")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Settings saved.", "Workdays:    Monday to Friday (other days never break a streak)",
		"Weekly goal: 5 active days a week",
		"Workdays are now Monday to Friday; past streaks are recounted with them",
		"The weekly goal is now 5 active days a week, all of your workdays."} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if got := storedSettings(t, db); !slices.Equal(got.Workdays, []string{"mon", "tue", "wed", "thu", "fri"}) || got.WeekGoal != 5 {
		t.Fatalf("stored %+v", got)
	}
	out, _, _ = runSettingsCLI(t, db, "settings", "--json")
	if !strings.Contains(out, `"workdays": [`) || json.Unmarshal([]byte(out), &js) != nil || !slices.Equal(js.Workdays, []string{"mon", "tue", "wed", "thu", "fri"}) {
		t.Fatalf("--json: %s", out)
	}
	// The same week again recounts nothing; under --json the notes go to stderr.
	out, errs, _ = runSettingsCLI(t, db, "settings", "--workdays", "mon-fri", "--json")
	if strings.Contains(out+errs, "recounted") || json.Unmarshal([]byte(out), &js) != nil {
		t.Fatalf("unchanged week: stdout %s stderr %s", out, errs)
	}
	out, errs, _ = runSettingsCLI(t, db, "settings", "--workdays", "every-day", "--json")
	if !strings.Contains(errs, "Workdays are now every day; past streaks are recounted") || json.Unmarshal([]byte(out), &js) != nil || len(js.Workdays) != 7 {
		t.Fatalf("every day: stdout %s stderr %s", out, errs)
	}
}

// --support and --mood-note set the care note's line and switch; a bad
// switch is exit 2 and changes nothing.
func TestSettingsCareNote(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "j.db")
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	if _, errOut, code := runCLI(t, now, "", db, "settings", "--support", "Call Maya", "--mood-note", "off"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	out, _, _ := runCLI(t, now, "", db, "settings", "--json")
	if !strings.Contains(out, `"support": "Call Maya"`) || !strings.Contains(out, `"mood_note_off": true`) {
		t.Fatalf("settings --json: %s", out)
	}
	if _, errOut, code := runCLI(t, now, "", db, "settings", "--mood-note", "maybe"); code != 2 || !strings.Contains(errOut, "on or off") {
		t.Fatalf("bad switch: exit %d %q", code, errOut)
	}
}
