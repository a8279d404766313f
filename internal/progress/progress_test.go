package progress

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) // a Monday

func open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "rebound.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p, err := st.Check(); err != nil || len(p) > 0 {
			t.Errorf("store check: %v %v", p, err)
		}
	})
	return st
}

func addNo(t *testing.T, st *store.Store, day journal.Day, reframed bool) {
	t.Helper()
	n := journal.No{Who: "Acme", Mode: "sales", Date: day, Reason: "price"}
	if reframed {
		n.Change, n.Lesson = "a smaller first order", "lead with ROI"
	}
	if err := st.AddNo(&n, now); err != nil {
		t.Fatal(err)
	}
}

func reflect(t *testing.T, st *store.Store, day journal.Day) {
	t.Helper()
	if _, err := st.SaveReflection(journal.Reflection{Date: day, Win: "called back", CompletedAt: now}); err != nil {
		t.Fatal(err)
	}
}

func TestStreakFromReflectionsReframedNosAndRest(t *testing.T) {
	st := open(t)
	// Week of Nov 16 (Mon) .. Nov 22 (Sun); today is Mon Nov 23.
	reflect(t, st, "2026-11-17")
	addNo(t, st, "2026-11-18", true)  // reframed: active
	addNo(t, st, "2026-11-18", true)  // a second one: intensity 2
	addNo(t, st, "2026-11-19", false) // logged, not reframed: not active
	if err := st.SetRestDay("2026-11-20", true); err != nil {
		t.Fatal(err)
	}
	reflect(t, st, "2026-11-21")
	reflect(t, st, "2026-11-22")
	// 19 is a gap (an unreframed No does not count): the streak runs 20(rest)..22.

	in, r, err := Streak(st, "2026-11-23", journal.Settings{WeekGoal: 5})
	if err != nil {
		t.Fatal(err)
	}
	if in.Activity["2026-11-18"] != 2 || in.Activity["2026-11-17"] != 1 || in.Activity["2026-11-19"] != 0 {
		t.Fatalf("activity %v", in.Activity)
	}
	if !in.Rest["2026-11-20"] {
		t.Fatalf("rest %v", in.Rest)
	}
	if r.Current != 2 || r.CurrentStart != "2026-11-21" || r.CurrentEnd != "2026-11-22" {
		t.Fatalf("current %d %s..%s", r.Current, r.CurrentStart, r.CurrentEnd)
	}
	if r.Longest != 2 || r.LongestStart != "2026-11-21" {
		t.Fatalf("longest %d from %s (a tie goes to the most recent)", r.Longest, r.LongestStart)
	}
	if !r.AtRisk || r.TodayActive || r.TotalActive != 4 || r.WeekActive != 0 || r.WeekGoal != 5 {
		t.Fatalf("result %+v", r)
	}

	// Reframing No 3 (dated the 19th) fills the gap: 17, 18, 19, (20 rest), 21, 22 = 5 days.
	n, err := st.GetNo(3)
	if err != nil {
		t.Fatal(err)
	}
	n.Change, n.Lesson = "next quarter", "ask about budget cycles"
	if err := st.UpdateNo(&n, now); err != nil {
		t.Fatal(err)
	}
	_, r, err = Streak(st, "2026-11-23", journal.Settings{WeekGoal: 5})
	if err != nil {
		t.Fatal(err)
	}
	if r.Current != 5 || r.CurrentStart != "2026-11-17" || r.Longest != 5 {
		t.Fatalf("after reframing the 19th: %+v", r)
	}
}

func TestBackdatedReframedNoCountsForItsOwnDay(t *testing.T) {
	st := open(t)
	addNo(t, st, "2026-11-01", true) // logged today with --date 2026-11-01
	in, r, err := Streak(st, "2026-11-23", journal.Settings{WeekGoal: 5})
	if err != nil {
		t.Fatal(err)
	}
	if in.Activity["2026-11-01"] != 1 || in.Activity["2026-11-23"] != 0 {
		t.Fatalf("activity %v", in.Activity)
	}
	if r.TodayActive || r.Current != 0 || r.Longest != 1 || r.LongestStart != "2026-11-01" || r.TotalActive != 1 {
		t.Fatalf("result %+v", r)
	}
}

func TestFutureDatedWorkIsNotCountedYet(t *testing.T) {
	st := open(t)
	addNo(t, st, "2026-11-30", true)
	reflect(t, st, "2026-11-25")
	in, r, err := Streak(st, "2026-11-23", journal.Settings{WeekGoal: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Activity) != 0 || r.TotalActive != 0 {
		t.Fatalf("future work counted: %v %+v", in.Activity, r)
	}
}

// TestEmptyReflectionIsNotActive: a reflection with nothing written (a mood
// or a ritual alone) is kept, but does not make its day active, alone or
// as a second session beside a written one.
func TestEmptyReflectionIsNotActive(t *testing.T) {
	st := open(t)
	for _, r := range []journal.Reflection{
		{Date: "2026-11-20", Mood: 2, CompletedAt: now},
		{Date: "2026-11-21", Ritual: "breathing", Answers: []journal.Answer{{Prompt: "What went well?", Answer: "  "}}, CompletedAt: now},
		{Date: "2026-11-22", Win: "called back", CompletedAt: now},
		{Date: "2026-11-22", Mood: 1, CompletedAt: now.Add(time.Hour)},
	} {
		if _, err := st.SaveReflection(r); err != nil {
			t.Fatal(err)
		}
	}
	if r, ok, err := st.Reflection("2026-11-20"); err != nil || !ok || r.Mood != 2 {
		t.Fatalf("the mood-only reflection was not kept: %+v %v %v", r, ok, err)
	}
	in, r, err := Streak(st, "2026-11-23", journal.Settings{WeekGoal: 5})
	if err != nil {
		t.Fatal(err)
	}
	if in.Activity["2026-11-20"] != 0 || in.Activity["2026-11-21"] != 0 || in.Activity["2026-11-22"] != 1 {
		t.Fatalf("activity %v: empty reflections must not count, a written one once", in.Activity)
	}
	if r.Current != 1 || r.CurrentStart != "2026-11-22" || r.TotalActive != 1 {
		t.Fatalf("result %+v", r)
	}
}

// TestStreakWorkdays: the settings' workdays reach the streak.
func TestStreakWorkdays(t *testing.T) {
	st := open(t)
	for _, d := range []journal.Day{"2026-11-18", "2026-11-19", "2026-11-20", "2026-11-23"} {
		reflect(t, st, d)
	}
	_, all, err := Streak(st, "2026-11-23", journal.Settings{WeekGoal: 7})
	if err != nil {
		t.Fatal(err)
	}
	_, mf, err := Streak(st, "2026-11-23", journal.Settings{WeekGoal: 7, Workdays: journal.WeekdaysOnly.IDs()})
	if err != nil {
		t.Fatal(err)
	}
	if all.Current != 1 || mf.Current != 4 || mf.WeekGoal != 5 || len(mf.Workdays) != 5 {
		t.Fatalf("every day %+v; Monday to Friday %+v", all, mf)
	}
}

func TestEmptyJournal(t *testing.T) {
	st := open(t)
	_, r, err := Streak(st, "2026-11-23", journal.Settings{WeekGoal: 3})
	if err != nil {
		t.Fatal(err)
	}
	if r.Current != 0 || r.Longest != 0 || r.TotalActive != 0 || r.AtRisk || r.WeekGoal != 3 {
		t.Fatalf("%+v", r)
	}
}

func TestTallyRange(t *testing.T) {
	today := journal.Day("2026-11-23") // Monday
	trend := today.WeekStart().AddDays(-7 * (insights.TrendWeeks - 1))
	for _, tc := range []struct {
		period string
		from   journal.Day
	}{
		{"7d", trend},         // the 12-week trend reaches furthest back
		{"30d", trend},        // 60 days < 77
		{"90d", "2026-05-28"}, // the previous 90 days reach further than the trend
		{"all", ""},
	} {
		p, err := insights.ParsePeriod(tc.period)
		if err != nil {
			t.Fatal(err)
		}
		from, to := TallyRange(p, today)
		if from != tc.from || to != today {
			t.Errorf("%s: %s..%s, want %s..%s", tc.period, from, to, tc.from, today)
		}
	}
}

func TestInsightsLoadsThePeriodAndThePreviousOne(t *testing.T) {
	st := open(t)
	mode, err := coach.Default().Mode("sales")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		addNo(t, st, journal.Day("2026-11-23").AddDays(-i), false) // Nov 12..23: 7 in the last 7 days, 5 before
	}
	addNo(t, st, "2026-11-10", false) // the previous 7 days are Nov 10..16: 6 in all
	addNo(t, st, "2025-01-01", false) // only in "all"

	p7, _ := insights.ParsePeriod("7d")
	r, err := Insights(st, mode, p7, "2026-11-23")
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 7 || !r.HasPrevious || r.PrevTotal != 6 || r.Period != "7d" {
		t.Fatalf("7d: total %d prev %d (%v)", r.Total, r.PrevTotal, r.HasPrevious)
	}
	all, _ := insights.ParsePeriod("all")
	r, err = Insights(st, mode, all, "2026-11-23")
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 14 || r.HasPrevious || !r.Enough {
		t.Fatalf("all: %+v", r)
	}
	if len(r.Reasons) != 1 || r.Reasons[0].ID != "price" || r.Reasons[0].Count != 14 {
		t.Fatalf("reasons %+v", r.Reasons)
	}
}

func TestRestInWeek(t *testing.T) {
	rest := map[journal.Day]bool{"2026-11-26": true, "2026-11-28": true, "2026-11-16": true, "bad": true}
	for _, tc := range []struct{ day, want journal.Day }{
		{"2026-11-23", "2026-11-26"}, // the earliest of the week
		{"2026-11-26", "2026-11-28"}, // not itself
		{"2026-11-22", "2026-11-16"}, // Sunday belongs to the week before
		{"2026-12-01", ""},
	} {
		if got := RestInWeek(rest, tc.day); got != tc.want {
			t.Errorf("RestInWeek(%s) = %q, want %q", tc.day, got, tc.want)
		}
	}
}
