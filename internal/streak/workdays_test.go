package streak

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// weekdays lists the workdays of week from..to (inclusive).
func weekdays(week journal.Workweek, from, to journal.Day) []journal.Day {
	var out []journal.Day
	for d := from; !to.Before(d); d = d.AddDays(1) {
		if week.Works(d) {
			out = append(out, d)
		}
	}
	return out
}

const monWedFri = journal.Workweek(0b0010101)

func TestComputeWorkdays(t *testing.T) {
	t.Parallel()
	mon16, fri13 := journal.Day("2026-11-16"), journal.Day("2026-11-13")
	mon09 := journal.Day("2026-11-09")
	mf := journal.WeekdaysOnly
	tests := []struct {
		name string
		in   Input
		want Result
	}{
		{
			// The demo's rep: every workday for two and a half weeks. With
			// all seven days each weekend broke the streak (longest 5).
			name: "Monday to Friday: weekends carry the streak",
			in:   Input{Activity: act(weekdays(mf, mon09, tue24)...), Today: wed25, WeekGoal: 5, Workdays: mf},
			want: Result{Current: 12, Longest: 12, CurrentStart: mon09, CurrentEnd: tue24,
				LongestStart: mon09, LongestEnd: tue24, AtRisk: true, WeekActive: 2, WeekGoal: 5, TotalActive: 12},
		},
		{
			name: "the same days with every day counted",
			in:   Input{Activity: act(weekdays(mf, mon09, tue24)...), Today: wed25, WeekGoal: 5},
			want: Result{Current: 2, Longest: 5, CurrentStart: mon23, CurrentEnd: tue24,
				LongestStart: mon16, LongestEnd: fri20, AtRisk: true, WeekActive: 2, WeekGoal: 5, TotalActive: 12},
		},
		{
			name: "Saturday is off: not at risk, the streak waits",
			in:   Input{Activity: act(weekdays(mf, mon16, fri20)...), Today: sat21, WeekGoal: 5, Workdays: mf},
			want: Result{Current: 5, Longest: 5, CurrentStart: mon16, CurrentEnd: fri20,
				LongestStart: mon16, LongestEnd: fri20, TodayOff: true, WeekActive: 5, WeekGoal: 5, TotalActive: 5},
		},
		{
			name: "Monday after the weekend, not yet done: kept and at risk",
			in:   Input{Activity: act(weekdays(mf, mon16, fri20)...), Today: mon23, WeekGoal: 5, Workdays: mf},
			want: Result{Current: 5, Longest: 5, CurrentStart: mon16, CurrentEnd: fri20,
				LongestStart: mon16, LongestEnd: fri20, AtRisk: true, WeekGoal: 5, TotalActive: 5},
		},
		{
			name: "a missed Friday still breaks it",
			in:   Input{Activity: act(mon16, "2026-11-17", "2026-11-18", thu19), Today: sun22, WeekGoal: 5, Workdays: mf},
			want: Result{Longest: 4, LongestStart: mon16, LongestEnd: thu19, TodayOff: true,
				WeekActive: 4, WeekGoal: 5, TotalActive: 4},
		},
		{
			name: "a day off with activity adds to the streak",
			in:   Input{Activity: act(thu19, fri20, sat21, mon23), Today: mon23, WeekGoal: 5, Workdays: mf},
			want: Result{Current: 4, Longest: 4, CurrentStart: thu19, CurrentEnd: mon23,
				LongestStart: thu19, LongestEnd: mon23, TodayActive: true, WeekActive: 1, WeekGoal: 5, TotalActive: 4},
		},
		{
			name: "a rest day still covers the odd workday off",
			in:   Input{Activity: act(mon16, "2026-11-17", "2026-11-18", thu19, mon23), Rest: rest(fri20), Today: mon23, Workdays: mf},
			want: Result{Current: 5, Longest: 5, CurrentStart: mon16, CurrentEnd: mon23,
				LongestStart: mon16, LongestEnd: mon23, TodayActive: true, WeekActive: 1, TotalActive: 5},
		},
		{
			name: "Monday, Wednesday and Friday; today Tuesday is off",
			in:   Input{Activity: act(mon16, "2026-11-18", fri20, mon23), Today: tue24, WeekGoal: 3, Workdays: monWedFri},
			want: Result{Current: 4, Longest: 4, CurrentStart: mon16, CurrentEnd: mon23,
				LongestStart: mon16, LongestEnd: mon23, TodayOff: true, WeekActive: 1, WeekGoal: 3, TotalActive: 4},
		},
		{
			name: "one workday a week: six days off between carry the streak",
			in:   Input{Activity: act(mon09, mon16, mon23), Today: "2026-11-29", WeekGoal: 1, Workdays: journal.WorkweekOf([]string{"mon"})},
			want: Result{Current: 3, Longest: 3, CurrentStart: mon09, CurrentEnd: mon23,
				LongestStart: mon09, LongestEnd: mon23, TodayOff: true, WeekActive: 1, WeekGoal: 1, TotalActive: 3},
		},
		{
			name: "one workday a week: a missed Monday breaks it",
			in:   Input{Activity: act(mon09, "2026-11-30"), Today: "2026-11-30", WeekGoal: 1, Workdays: journal.WorkweekOf([]string{"mon"})},
			want: Result{Current: 1, Longest: 1, CurrentStart: "2026-11-30", CurrentEnd: "2026-11-30",
				LongestStart: "2026-11-30", LongestEnd: "2026-11-30", TodayActive: true, WeekActive: 1, WeekGoal: 1, TotalActive: 2},
		},
		{
			name: "the weekly goal is met on workdays alone: 7 becomes 5",
			in:   Input{Activity: act(fri13, mon16), Today: mon16, WeekGoal: 7, Workdays: mf},
			want: Result{Current: 2, Longest: 2, CurrentStart: fri13, CurrentEnd: mon16,
				LongestStart: fri13, LongestEnd: mon16, TodayActive: true, WeekActive: 1, WeekGoal: 5, TotalActive: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.want.Workdays = tt.in.Workdays.IDs()
			if got := Compute(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Compute()\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestWorkdaysAcrossDST: a rep reflecting Monday to Friday at fixed local
// times through each zone's DST weekend keeps one streak, one active day
// per workday, whatever the hour.
func TestWorkdaysAcrossDST(t *testing.T) {
	t.Parallel()
	weekends := []struct {
		zone string
		mon  journal.Day // the Monday after the switch
	}{
		{"America/New_York", "2026-03-09"}, // spring forward Sunday 03-08
		{"America/New_York", "2026-11-02"}, // fall back Sunday 11-01
		{"Europe/Berlin", "2026-03-30"},
		{"Europe/Berlin", "2026-10-26"},
		{"Australia/Sydney", "2026-04-06"},
		{"Australia/Sydney", "2026-10-05"},
	}
	for _, w := range weekends {
		loc, err := time.LoadLocation(w.zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ h, m int }{{23, 30}, {0, 30}, {2, 30}, {12, 0}} {
			first, last := w.mon.AddDays(-7), w.mon.AddDays(4) // two working weeks
			activity := map[journal.Day]int{}
			for _, d := range weekdays(journal.WeekdaysOnly, first, last) {
				mid := d.Time(loc)
				at := time.Date(mid.Year(), mid.Month(), mid.Day(), c.h, c.m, 0, 0, loc).UTC()
				activity[DayIn(at, loc)]++
			}
			// Checked on the Saturday after, a day off.
			r := Compute(Input{Activity: activity, Today: last.AddDays(1), WeekGoal: 5, Workdays: journal.WeekdaysOnly})
			if r.Current != 10 || r.CurrentStart != first || r.CurrentEnd != last || r.AtRisk || !r.TodayOff || r.WeekActive != 5 {
				t.Errorf("%s %02d:%02d, week of %s: current %d %s..%s, at risk %v, off %v, week %d; want 10 %s..%s, off, week 5",
					w.zone, c.h, c.m, w.mon, r.Current, r.CurrentStart, r.CurrentEnd, r.AtRisk, r.TodayOff, r.WeekActive, first, last)
			}
		}
	}
}

func TestDescribeDayOff(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		r    Result
		want string
	}{
		{Result{Current: 5, CurrentStart: "2026-11-16", TodayOff: true},
			"5-day streak since 2026-11-16 — today is outside your workdays; the streak waits for you."},
		{Result{TodayOff: true}, "No streak right now — today is outside your workdays; a reflection on your next workday starts one."},
	} {
		got := Describe(tt.r)
		if got != tt.want {
			t.Errorf("Describe(%+v)\n got %q\nwant %q", tt.r, got, tt.want)
		}
		if strings.Contains(got, "!") {
			t.Errorf("Describe is not calm: %q", got)
		}
	}
}
