package streak

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// act builds an Activity map; every listed day counts 1.
func act(days ...journal.Day) map[journal.Day]int {
	m := map[journal.Day]int{}
	for _, d := range days {
		m[d]++
	}
	return m
}

func rest(days ...journal.Day) map[journal.Day]bool {
	m := map[journal.Day]bool{}
	for _, d := range days {
		m[d] = true
	}
	return m
}

// 2026-11-23 is a Monday; most cases use Wednesday 2026-11-25 as today.
const (
	thu19 journal.Day = "2026-11-19"
	fri20 journal.Day = "2026-11-20"
	sat21 journal.Day = "2026-11-21"
	sun22 journal.Day = "2026-11-22"
	mon23 journal.Day = "2026-11-23"
	tue24 journal.Day = "2026-11-24"
	wed25 journal.Day = "2026-11-25"
	thu26 journal.Day = "2026-11-26"
)

func TestCompute(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   Input
		want Result
	}{
		{
			name: "empty",
			in:   Input{Today: wed25, WeekGoal: 5},
			want: Result{WeekGoal: 5},
		},
		{
			name: "single day, today",
			in:   Input{Activity: act(wed25), Today: wed25, WeekGoal: 3},
			want: Result{Current: 1, Longest: 1, CurrentStart: wed25, CurrentEnd: wed25,
				LongestStart: wed25, LongestEnd: wed25, TodayActive: true,
				WeekActive: 1, WeekGoal: 3, TotalActive: 1},
		},
		{
			name: "today not yet active keeps yesterday's streak, at risk",
			in:   Input{Activity: act(mon23, tue24), Today: wed25},
			want: Result{Current: 2, Longest: 2, CurrentStart: mon23, CurrentEnd: tue24,
				LongestStart: mon23, LongestEnd: tue24, AtRisk: true, WeekActive: 2, TotalActive: 2},
		},
		{
			name: "a missed day ends the streak",
			in:   Input{Activity: act(mon23), Today: wed25},
			want: Result{Longest: 1, LongestStart: mon23, LongestEnd: mon23, WeekActive: 1, TotalActive: 1},
		},
		{
			name: "gap: current shorter than longest",
			in:   Input{Activity: act("2026-11-18", thu19, fri20, sat21, mon23, tue24), Today: wed25},
			want: Result{Current: 2, Longest: 4, CurrentStart: mon23, CurrentEnd: tue24,
				LongestStart: "2026-11-18", LongestEnd: sat21, AtRisk: true, WeekActive: 2, TotalActive: 6},
		},
		{
			name: "tie between runs: the record is the recent one",
			in:   Input{Activity: act(thu19, fri20, mon23, tue24), Today: wed25},
			want: Result{Current: 2, Longest: 2, CurrentStart: mon23, CurrentEnd: tue24,
				LongestStart: mon23, LongestEnd: tue24, AtRisk: true, WeekActive: 2, TotalActive: 4},
		},
		{
			name: "rest day bridges the gap without adding",
			in:   Input{Activity: act(fri20, sat21, mon23, tue24), Rest: rest(sun22), Today: wed25},
			want: Result{Current: 4, Longest: 4, CurrentStart: fri20, CurrentEnd: tue24,
				LongestStart: fri20, LongestEnd: tue24, AtRisk: true, WeekActive: 2, TotalActive: 4},
		},
		{
			name: "rest today: kept, not at risk",
			in:   Input{Activity: act(sun22, mon23, tue24), Rest: rest(wed25), Today: wed25},
			want: Result{Current: 3, Longest: 3, CurrentStart: sun22, CurrentEnd: tue24,
				LongestStart: sun22, LongestEnd: tue24, TodayRest: true, WeekActive: 2, TotalActive: 3},
		},
		{
			name: "rest yesterday, today open: kept and at risk",
			in:   Input{Activity: act(sat21, sun22, mon23), Rest: rest(tue24), Today: wed25},
			want: Result{Current: 3, Longest: 3, CurrentStart: sat21, CurrentEnd: mon23,
				LongestStart: sat21, LongestEnd: mon23, AtRisk: true, WeekActive: 1, TotalActive: 3},
		},
		{
			name: "rest days alone are no streak",
			in:   Input{Rest: rest(tue24), Today: wed25},
			want: Result{},
		},
		{
			name: "a rest day before the first active day does not start the streak",
			in:   Input{Activity: act(tue24, wed25), Rest: rest(mon23), Today: wed25},
			want: Result{Current: 2, Longest: 2, CurrentStart: tue24, CurrentEnd: wed25,
				LongestStart: tue24, LongestEnd: wed25, TodayActive: true, WeekActive: 2, TotalActive: 2},
		},
		{
			name: "second rest day in one week (bad data) is not honoured",
			in: Input{Activity: act("2026-11-18", fri20, sun22),
				Rest: rest(thu19, sat21), Today: sun22},
			// The earliest (Thu) bridges, Sat does not: 18..20 is one run, 22 another.
			want: Result{Current: 1, Longest: 2, CurrentStart: sun22, CurrentEnd: sun22,
				LongestStart: "2026-11-18", LongestEnd: fri20, TodayActive: true, WeekActive: 3, TotalActive: 3},
		},
		{
			name: "Sunday and Monday rest days belong to two weeks, both honoured",
			in:   Input{Activity: act(sat21, tue24), Rest: rest(sun22, mon23), Today: tue24},
			want: Result{Current: 2, Longest: 2, CurrentStart: sat21, CurrentEnd: tue24,
				LongestStart: sat21, LongestEnd: tue24, TodayActive: true, WeekActive: 1, TotalActive: 2},
		},
		{
			name: "active on a rest day counts as active",
			in:   Input{Activity: act(tue24, wed25), Rest: rest(wed25), Today: wed25},
			want: Result{Current: 2, Longest: 2, CurrentStart: tue24, CurrentEnd: wed25,
				LongestStart: tue24, LongestEnd: wed25, TodayActive: true, TodayRest: true,
				WeekActive: 2, TotalActive: 2},
		},
		{
			name: "streak across New Year",
			in: Input{Activity: act("2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"),
				Today: "2026-01-02", WeekGoal: 4},
			want: Result{Current: 4, Longest: 4, CurrentStart: "2025-12-30", CurrentEnd: "2026-01-02",
				LongestStart: "2025-12-30", LongestEnd: "2026-01-02", TodayActive: true,
				WeekActive: 4, WeekGoal: 4, TotalActive: 4},
		},
		{
			name: "future days, zero counts and malformed keys are ignored",
			in: Input{Activity: map[journal.Day]int{tue24: 2, wed25: 0, thu26: 3, "2026-13-01": 1, "junk": 1, mon23: -1},
				Rest: rest(thu26), Today: wed25},
			want: Result{Current: 1, Longest: 1, CurrentStart: tue24, CurrentEnd: tue24,
				LongestStart: tue24, LongestEnd: tue24, AtRisk: true, WeekActive: 1, TotalActive: 1},
		},
		{
			name: "week counts Monday to today only; goal clamped to 7",
			in:   Input{Activity: act(sat21, sun22, mon23, wed25), Today: wed25, WeekGoal: 9},
			want: Result{Current: 1, Longest: 3, CurrentStart: wed25, CurrentEnd: wed25,
				LongestStart: sat21, LongestEnd: mon23, TodayActive: true, WeekActive: 2, WeekGoal: 7, TotalActive: 4},
		},
		{
			name: "negative goal clamped to 0",
			in:   Input{Today: wed25, WeekGoal: -2},
			want: Result{},
		},
		{
			name: "no today: nothing to say",
			in:   Input{Activity: act(wed25), WeekGoal: 3},
			want: Result{WeekGoal: 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.want.Workdays == nil {
				tt.want.Workdays = journal.EveryDay.IDs()
			}
			if got := Compute(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Compute()\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCanRest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		rest    map[journal.Day]bool
		day     journal.Day
		wantErr string // substring; "" = allowed
	}{
		{"no rest days yet", nil, wed25, ""},
		{"same day again", rest(wed25), wed25, ""},
		{"other day of the same week", rest(mon23), wed25, "week of 2026-11-23 already has its rest day on 2026-11-23"},
		{"Sunday of the same week", rest(mon23), "2026-11-29", "rest day on 2026-11-23"},
		{"previous week's Sunday", rest(sun22), mon23, ""},
		{"unmarked entry", map[journal.Day]bool{mon23: false}, wed25, ""},
		{"malformed day", nil, "2026-02-30", "not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := CanRest(tt.rest, tt.day)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("CanRest(%v) = %v, want nil", tt.day, err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("CanRest(%v) = nil, want error containing %q", tt.day, tt.wantErr)
			case err != nil && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("CanRest(%v) = %q, want it to contain %q", tt.day, err, tt.wantErr)
			}
		})
	}
	if err := CanRest(rest(mon23), wed25); !errors.Is(err, ErrRestTaken) {
		t.Errorf("errors.Is(%v, ErrRestTaken) = false", err)
	}
}

func TestDescribe(t *testing.T) {
	t.Parallel()
	tests := []struct {
		r    Result
		want string
	}{
		{Result{}, "No streak right now — a reflection today starts one."},
		{Result{TodayRest: true}, "No streak right now — today is a rest day; a reflection tomorrow starts one."},
		{Result{Current: 3, CurrentStart: fri20, AtRisk: true},
			"3-day streak since 2026-11-20 — today isn't logged yet; a reflection keeps it going."},
		{Result{Current: 3, CurrentStart: fri20, TodayActive: true},
			"3-day streak since 2026-11-20 — today is done; see you tomorrow."},
		{Result{Current: 1, CurrentStart: wed25, TodayActive: true},
			"1-day streak, started 2026-11-25 — today is done; see you tomorrow."},
		{Result{Current: 3, CurrentStart: fri20, TodayRest: true},
			"3-day streak since 2026-11-20 — today is a rest day; the streak waits for you."},
	}
	for _, tt := range tests {
		got := Describe(tt.r)
		if got != tt.want {
			t.Errorf("Describe(%+v)\n got %q\nwant %q", tt.r, got, tt.want)
		}
		for _, harsh := range []string{"broke", "lost", "fail", "miss", "!"} {
			if strings.Contains(strings.ToLower(got), harsh) {
				t.Errorf("Describe(%+v) = %q: %q is not calm", tt.r, got, harsh)
			}
		}
	}
}

func TestResultJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(Compute(Input{Activity: act(tue24), Today: wed25, WeekGoal: 4}))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"current":1,"longest":1,"current_start":"2026-11-24","current_end":"2026-11-24",` +
		`"longest_start":"2026-11-24","longest_end":"2026-11-24","today_active":false,"today_rest":false,` +
		`"today_off":false,"at_risk":true,"week_active":1,"week_goal":4,"total_active":1,` +
		`"workdays":["mon","tue","wed","thu","fri","sat","sun"]}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
}

func TestDays(t *testing.T) {
	for n, want := range map[int]string{0: "0 active days", 1: "1 active day", 2: "2 active days", 30: "30 active days"} {
		if got := Days(n); got != want {
			t.Errorf("Days(%d) = %q, want %q", n, got, want)
		}
	}
}
