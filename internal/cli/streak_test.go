package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// progressNow is Monday 2026-11-23, 10:00 local.
var progressNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)

// runProgressCLI runs the command line against db with a fixed clock and
// buffers for streams (so stdout is not a terminal: plain text).
func runProgressCLI(t *testing.T, db string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCLI(t, progressNow, "", db, args...)
}

func progressDB(t *testing.T) (string, *store.Store) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "rebound.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	return db, st
}

func TestStreakJSON(t *testing.T) {
	db, st := progressDB(t)
	for _, d := range []journal.Day{"2026-11-21", "2026-11-22"} {
		if _, err := st.SaveReflection(journal.Reflection{Date: d, Win: "a call back", CompletedAt: progressNow}); err != nil {
			t.Fatal(err)
		}
	}
	n := journal.No{Who: "Acme", Mode: "sales", Date: "2026-11-20", Reason: "price", Change: "a pilot", Lesson: "ROI first"}
	if err := st.AddNo(&n, progressNow); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runProgressCLI(t, db, "streak", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"current", "longest", "current_start", "longest_start", "longest_end", "today_active", "week_active", "week_goal", "total_active", "at_risk"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing key %q in %s", k, out)
		}
	}
	if got["current"] != 3.0 || got["current_start"] != "2026-11-20" || got["longest_end"] != "2026-11-22" ||
		got["today_active"] != false || got["at_risk"] != true || got["week_goal"] != 5.0 || got["total_active"] != 3.0 {
		t.Errorf("values: %s", out)
	}
}

func TestStreakPrint(t *testing.T) {
	db, st := progressDB(t)
	if _, err := st.SaveReflection(journal.Reflection{Date: "2026-11-23", Win: "a call back", CompletedAt: progressNow}); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runProgressCLI(t, db, "streak") // not a terminal: plain text
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"1-day streak, started 2026-11-23 — today is done",
		"current streak  1 day · since 2026-11-23",
		"this week       1 of 5 active days",
		"Last 26 weeks:", "Mon ", "today ↑", "~ rest day",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("escape codes in piped output: %q", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if w := len([]rune(l)); w > 80 {
			t.Errorf("line %d wide: %q", w, l)
		}
		if strings.HasPrefix(l, "Mon ") && !strings.HasSuffix(l, "░") {
			t.Errorf("today (a Monday, one reflection) not drawn: %q", l)
		}
	}
}

func TestStreakRestFlags(t *testing.T) {
	db, st := progressDB(t)
	if _, err := st.SaveReflection(journal.Reflection{Date: "2026-11-22", Win: "a call back", CompletedAt: progressNow}); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runProgressCLI(t, db, "streak", "--rest")
	if code != 0 || !strings.Contains(out, "Today (2026-11-23) is a rest day") || !strings.Contains(out, "the streak waits for you") {
		t.Fatalf("--rest: exit %d\n%s%s", code, out, errOut)
	}
	// A second rest day the same week is refused, with the way out.
	out, errOut, code = runProgressCLI(t, db, "streak", "--rest", "2026-11-25")
	if code != 2 || !strings.Contains(errOut, "already has its rest day on 2026-11-23") || !strings.Contains(errOut, "--unrest 2026-11-23") {
		t.Fatalf("second rest day: exit %d\n%s%s", code, out, errOut)
	}
	if rest, _ := st.RestDays(); rest["2026-11-25"] {
		t.Fatal("a second rest day was stored")
	}
	// --json after --rest: stdout stays one JSON document.
	out, _, code = runProgressCLI(t, db, "streak", "--unrest", "today", "--json")
	var res map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res["today_rest"] != false || res["at_risk"] != true {
		t.Fatalf("--unrest --json: exit %d %q", code, out)
	}
	if rest, _ := st.RestDays(); len(rest) != 0 {
		t.Fatalf("rest days left: %v", rest)
	}
	if _, errOut, code = runProgressCLI(t, db, "streak", "--rest", "someday-ish"); code != 2 || !strings.Contains(errOut, "--rest") {
		t.Fatalf("bad date: exit %d %s", code, errOut)
	}
	if _, _, code = runProgressCLI(t, db, "streak", "--rest", "today", "--unrest", "today"); code != 2 {
		t.Fatalf("both flags: exit %d", code)
	}
}

func TestInsightsCLI(t *testing.T) {
	db, st := progressDB(t)
	for i := range 12 {
		n := journal.No{Who: "Acme", Mode: "sales", Date: journal.Day("2026-11-23").AddDays(-i), Reason: "price"}
		if err := st.AddNo(&n, progressNow); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := runProgressCLI(t, db, "insights", "--period", "all", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"period", "total", "reasons", "kinds", "weeks", "competitors", "turnaround_rate", "suggestions", "enough"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	if got["period"] != "all" || got["total"] != 12.0 || got["enough"] != true {
		t.Errorf("values: period %v total %v enough %v", got["period"], got["total"], got["enough"])
	}

	out, errOut, code = runProgressCLI(t, db, "insights", "--period", "7d")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Insights · last 7 days", "7 No's", "patterns appear after about 10"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	out, _, _ = runProgressCLI(t, db, "insights", "--print") // default: 30 days
	if !strings.Contains(out, "Insights · last 30 days") || !strings.Contains(out, "Reasons") {
		t.Errorf("30 days:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if w := len([]rune(l)); w > 80 {
			t.Errorf("line %d wide: %q", w, l)
		}
	}

	_, errOut, code = runProgressCLI(t, db, "insights", "--period", "week")
	if code != 2 || !strings.Contains(errOut, "7d, 30d, 90d, all") {
		t.Fatalf("bad period: exit %d %q", code, errOut)
	}
}

func TestStreakRestTakesTheDateAsWords(t *testing.T) {
	db, st := progressDB(t)
	out, errOut, code := runProgressCLI(t, db, "streak", "--rest", "2", "days", "ago")
	if code != 0 || !strings.Contains(out, "2026-11-21 is a rest day") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if rest, _ := st.RestDays(); !rest["2026-11-21"] {
		t.Fatalf("rest days %v", rest)
	}
	if _, errOut, code = runProgressCLI(t, db, "streak", "oops"); code != 2 || !strings.Contains(errOut, "no arguments") {
		t.Fatalf("stray argument: exit %d %s", code, errOut)
	}
}

// TestStreakWorkdays: with Monday to Friday, weekdays across weekends are
// one streak in --json (with "workdays" as an array of ids) and --print,
// and --rest on a day off spends nothing.
func TestStreakWorkdays(t *testing.T) {
	db, st := progressDB(t)
	for _, d := range []journal.Day{"2026-11-12", "2026-11-13", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-23"} {
		if _, err := st.SaveReflection(journal.Reflection{Date: d, Win: "a call back", CompletedAt: progressNow}); err != nil {
			t.Fatal(err)
		}
	}
	out, _, _ := runProgressCLI(t, db, "streak", "--json")
	var got struct {
		Current  int      `json:"current"`
		Workdays []string `json:"workdays"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Current != 1 || len(got.Workdays) != 7 {
		t.Fatalf("every day: %s", out)
	}
	if _, errs, code := runProgressCLI(t, db, "settings", "--workdays", "mon,tue,wed,thu,fri"); code != 0 {
		t.Fatalf("settings: %s", errs)
	}
	out, _, _ = runProgressCLI(t, db, "streak", "--json")
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Current != 8 || strings.Join(got.Workdays, ",") != "mon,tue,wed,thu,fri" {
		t.Fatalf("Monday to Friday: %s", out)
	}
	out, _, _ = runProgressCLI(t, db, "streak", "--print")
	for _, want := range []string{"8-day streak since 2026-11-12", "workdays        Monday to Friday · other days never break a streak"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	out, errs, code := runProgressCLI(t, db, "streak", "--rest", "saturday")
	if code != 0 || !strings.Contains(out, "is outside your workdays (Monday to Friday), so it never breaks a streak") {
		t.Fatalf("--rest saturday (exit %d): %s %s", code, out, errs)
	}
	if rest, _ := st.RestDays(); len(rest) != 0 {
		t.Fatalf("a rest day was spent on a day off: %v", rest)
	}
}

// TestDemoRepKeepsAStreakOverWeekends: the demo journal (a sales rep who
// reflects Monday to Friday) is given the welcome's week, so its longest
// streak runs across weekends; with every day it could never pass 5.
func TestDemoRepKeepsAStreakOverWeekends(t *testing.T) {
	db, _ := progressDB(t)
	if _, errs, code := runProgressCLI(t, db, "demo"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	var got struct {
		Longest  int      `json:"longest"`
		Workdays []string `json:"workdays"`
	}
	out, _, _ := runProgressCLI(t, db, "streak", "--json")
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Longest <= 5 || strings.Join(got.Workdays, ",") != "mon,tue,wed,thu,fri" {
		t.Fatalf("demo streak: %s", out)
	}
	runProgressCLI(t, db, "settings", "--workdays", "every-day")
	out, _, _ = runProgressCLI(t, db, "streak", "--json")
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Longest > 5 {
		t.Fatalf("every day: %s", out)
	}
}
