package streak

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the DST tests must not depend on the machine's zoneinfo

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
			if got := Compute(tt.in); got != tt.want {
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

// TestDSTSwitch logs one thing a night at a fixed local time across each
// zone's DST switch, turns the instants into days with DayIn, and expects
// one unbroken streak with one active day per night.
func TestDSTSwitch(t *testing.T) {
	t.Parallel()
	switches := []struct {
		zone string
		day  journal.Day // the switch (or, for Kolkata, a control date without one)
	}{
		{"America/New_York", "2026-03-08"}, // spring forward 02:00 -> 03:00
		{"America/New_York", "2026-11-01"}, // fall back: 01:30 happens twice
		{"Europe/Berlin", "2026-03-29"},
		{"Europe/Berlin", "2026-10-25"},
		{"Australia/Sydney", "2026-04-05"}, // fall back (southern autumn)
		{"Australia/Sydney", "2026-10-04"}, // spring forward
		{"Asia/Kolkata", "2026-03-08"},     // no DST: control
	}
	clock := []struct{ h, m int }{{23, 30}, {0, 30}, {1, 30}, {2, 30}, {12, 0}}
	const nights = 15
	for _, sw := range switches {
		loc, err := time.LoadLocation(sw.zone)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range clock {
			first := sw.day.AddDays(-nights / 2)
			activity := map[journal.Day]int{}
			for i := range nights {
				d := first.AddDays(i)
				// A real timestamp: the instant, stripped of its zone as a
				// store would keep it.
				mid := d.Time(loc)
				at := time.Date(mid.Year(), mid.Month(), mid.Day(), c.h, c.m, 0, 0, loc).UTC()
				got := DayIn(at, loc)
				if got != d {
					t.Errorf("%s %02d:%02d on %s: DayIn = %s", sw.zone, c.h, c.m, d, got)
				}
				activity[got]++
			}
			last := first.AddDays(nights - 1)
			r := Compute(Input{Activity: activity, Today: last})
			if r.Current != nights || r.CurrentStart != first || r.CurrentEnd != last || r.AtRisk {
				t.Errorf("%s %02d:%02d across %s: got current %d %s..%s at risk %v, want %d %s..%s",
					sw.zone, c.h, c.m, sw.day, r.Current, r.CurrentStart, r.CurrentEnd, r.AtRisk, nights, first, last)
			}
		}
	}
}

// TestFallBackDuplicateHour: both 01:30s of New York's fall-back night are
// the same day, so they add to that day's activity and never to the next.
func TestFallBackDuplicateHour(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	firstAt := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)  // 01:30 EDT
	secondAt := time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC) // 01:30 EST
	for _, at := range []time.Time{firstAt, secondAt} {
		if got := DayIn(at, ny); got != "2026-11-01" {
			t.Errorf("DayIn(%v) = %s, want 2026-11-01", at, got)
		}
		if hm := at.In(ny).Format("15:04"); hm != "01:30" {
			t.Fatalf("test setup: %v is %s in New York, want 01:30", at, hm)
		}
	}
}

// TestZoneChange: the same instants belong to different days in different
// zones; each zone's days are right and the streak follows them.
func TestZoneChange(t *testing.T) {
	t.Parallel()
	ny, _ := time.LoadLocation("America/New_York")
	kol, _ := time.LoadLocation("Asia/Kolkata")
	berlin, _ := time.LoadLocation("Europe/Berlin")

	// 02:00 UTC each day from June 1 to 7: 22:00 the evening before in New
	// York, 07:30 the same morning in Kolkata.
	var instants []time.Time
	for i := range 7 {
		instants = append(instants, time.Date(2026, 6, 1+i, 2, 0, 0, 0, time.UTC))
	}
	for _, z := range []struct {
		loc                 *time.Location
		first, last         journal.Day
		todayActive, atRisk bool
	}{
		{ny, "2026-05-31", "2026-06-06", false, true},
		{kol, "2026-06-01", "2026-06-07", true, false},
	} {
		activity := map[journal.Day]int{}
		for i, at := range instants {
			d := DayIn(at, z.loc)
			if want := z.first.AddDays(i); d != want {
				t.Errorf("%s: DayIn(%v) = %s, want %s", z.loc, at, d, want)
			}
			activity[d]++
		}
		today := DayIn(time.Date(2026, 6, 7, 12, 0, 0, 0, time.UTC), z.loc)
		r := Compute(Input{Activity: activity, Today: today})
		if r.Current != 7 || r.CurrentStart != z.first || r.CurrentEnd != z.last ||
			r.TodayActive != z.todayActive || r.AtRisk != z.atRisk {
			t.Errorf("%s: got %+v", z.loc, r)
		}
	}

	// A traveller reflects at 21:00 wherever they are: four nights in New
	// York, then four in Berlin. Each instant is dayed in the zone it was
	// made in; the streak is unbroken and no day is skipped or doubled.
	activity := map[journal.Day]int{}
	var days []journal.Day
	for i := range 8 {
		loc := ny
		if i >= 4 {
			loc = berlin
		}
		at := time.Date(2026, 6, 1+i, 21, 0, 0, 0, loc).UTC()
		d := DayIn(at, loc)
		days = append(days, d)
		activity[d]++
	}
	for i, d := range days {
		if want := journal.Day("2026-06-01").AddDays(i); d != want {
			t.Errorf("traveller night %d: %s, want %s", i, d, want)
		}
	}
	r := Compute(Input{Activity: activity, Today: "2026-06-08"})
	if r.Current != 8 || r.CurrentStart != "2026-06-01" {
		t.Errorf("traveller: got %+v, want an 8-day streak from 2026-06-01", r)
	}
}

func TestDayInNilLocation(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	if got, want := DayIn(at, nil), journal.DayOf(at.In(time.Local)); got != want {
		t.Errorf("DayIn(nil) = %s, want local %s", got, want)
	}
}

func TestHeatmap(t *testing.T) {
	t.Parallel()
	in := Input{
		Activity: map[journal.Day]int{
			"2026-11-16": 1, "2026-11-17": 2, "2026-11-18": 3, thu19: 4, fri20: 9, sat21: -1,
			wed25: 1, thu26: 5, // thu26 is in the future
			"2025-11-24": 2, // before the first column when weeks = 53
		},
		Rest:  rest(sun22),
		Today: wed25,
	}
	const weeks = 53
	hm := Heatmap(in, weeks)
	if len(hm) != weeks {
		t.Fatalf("columns = %d, want %d", len(hm), weeks)
	}
	firstMonday := wed25.WeekStart().AddDays(-7 * (weeks - 1))
	todays := 0
	for w, col := range hm {
		if len(col) != 7 {
			t.Fatalf("column %d has %d cells, want 7", w, len(col))
		}
		for i, c := range col {
			if want := firstMonday.AddDays(7*w + i); c.Day != want {
				t.Fatalf("cell [%d][%d] = %s, want %s", w, i, c.Day, want)
			}
			if got, want := c.Day.Weekday(), time.Weekday((i+1)%7); got != want {
				t.Errorf("row %d is %v, want %v", i, got, want)
			}
			if c.Level < 0 || c.Level > MaxLevel {
				t.Errorf("%s: level %d out of 0..%d", c.Day, c.Level, MaxLevel)
			}
			if c.Future != wed25.Before(c.Day) {
				t.Errorf("%s: Future = %v", c.Day, c.Future)
			}
			if c.Today {
				todays++
			}
		}
	}
	if todays != 1 || !hm[weeks-1][2].Today {
		t.Errorf("today flagged %d times; last column Wednesday Today=%v", todays, hm[weeks-1][2].Today)
	}
	if hm[0][0].Day != "2025-11-24" || hm[0][0].Level != 2 {
		t.Errorf("first cell = %+v, want 2025-11-24 at level 2", hm[0][0])
	}
	prev := hm[weeks-2] // the week of 2026-11-16
	wantLevels := []int{1, 2, 3, 4, 4, 0, 0}
	for i, want := range wantLevels {
		if prev[i].Level != want {
			t.Errorf("%s: level %d, want %d", prev[i].Day, prev[i].Level, want)
		}
	}
	if !prev[6].Rest || prev[5].Rest {
		t.Errorf("rest flags: Sat %v Sun %v, want false true", prev[5].Rest, prev[6].Rest)
	}
	cur := hm[weeks-1]
	if cur[2].Level != 1 || cur[3].Level != 0 || !cur[3].Future || !cur[6].Future || cur[1].Future {
		t.Errorf("current week = %+v", cur)
	}

	if got := Heatmap(in, 0); got != nil {
		t.Errorf("Heatmap(0 weeks) = %v, want nil", got)
	}
	if got := Heatmap(Input{}, 5); got != nil {
		t.Errorf("Heatmap(no today) = %v, want nil", got)
	}
	if got := Heatmap(in, 1); len(got) != 1 || got[0][0].Day != mon23 {
		t.Errorf("Heatmap(1 week) = %+v", got)
	}
}

func TestLevel(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]int{-3: 0, 0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 4, 100: 4} {
		if got := Level(n); got != want {
			t.Errorf("Level(%d) = %d, want %d", n, got, want)
		}
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
		`"at_risk":true,"week_active":1,"week_goal":4,"total_active":1}`
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
