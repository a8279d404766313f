// Package streak turns the days a user was active into streaks, a year
// heatmap and this week's progress. Everything here is a pure function of
// its Input: no clock, no store, no terminal, so the same numbers come out
// of the CLI, the TUI and the tests.
//
// Days are journal.Day calendar strings in the user's zone, never instants:
// the caller turns each timestamp into its own local day once (DayIn), and
// from then on arithmetic is on calendar days, so DST switches and zone
// changes cannot stretch or shrink a day.
package streak

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Input is what a streak is computed from.
type Input struct {
	// Activity is how much was done on each day: completed reflections plus
	// reframed No's, each counted on its own day (a backdated No counts for
	// the day it happened). A day with a count > 0 is an active day.
	Activity map[journal.Day]int
	// Rest holds the days the user marked as rest days. A rest day keeps a
	// streak alive without adding to its length; only one per week
	// (Monday to Sunday) is honoured.
	Rest map[journal.Day]bool
	// Today is the current day in the user's zone.
	Today journal.Day
	// WeekGoal is the number of active days per week the user aims for.
	// It is met on workdays alone: a goal above the week's workdays counts
	// as all of them.
	WeekGoal int
	// Workdays are the days the user works on (the zero value is every
	// day). A day outside them never breaks a streak, like a rest day, and
	// adds to it only when something was done that day.
	Workdays journal.Workweek
}

// Result is the streak summary; the JSON tags are the `rebound streak --json` output.
type Result struct {
	Current      int         `json:"current"`
	Longest      int         `json:"longest"`
	CurrentStart journal.Day `json:"current_start"` // first and last active day of the
	CurrentEnd   journal.Day `json:"current_end"`   // current streak; empty when Current == 0
	LongestStart journal.Day `json:"longest_start"`
	LongestEnd   journal.Day `json:"longest_end"`
	TodayActive  bool        `json:"today_active"`
	TodayRest    bool        `json:"today_rest"`
	// TodayOff: today is outside the workdays.
	TodayOff bool `json:"today_off"`
	// AtRisk: a streak is running but today is a workday with neither
	// activity nor a rest day yet. Today is never counted as missed while
	// it lasts.
	AtRisk      bool `json:"at_risk"`
	WeekActive  int  `json:"week_active"` // active days this week, Monday up to today
	WeekGoal    int  `json:"week_goal"`
	TotalActive int  `json:"total_active"` // active days up to today
	// Workdays are the days counted, Monday first ("mon" … "sun"; all
	// seven when none were chosen).
	Workdays []string `json:"workdays"`
}

// ErrRestTaken is returned (wrapped) by CanRest when the week already has its rest day.
var ErrRestTaken = errors.New("rest day already taken this week")

// MaxLevel is the highest heatmap intensity.
const MaxLevel = 4

// run is a maximal stretch of consecutive active-or-rest days, trimmed to
// its first and last active day.
type run struct {
	start, end journal.Day
	reaches    journal.Day // last day covered, active or rest: decides whether it is still alive
	active     int
}

// Compute summarises in. Days after Today (a No logged with a future date
// by mistake, a rest day planned ahead) are left out until they arrive,
// and malformed day keys are ignored.
func Compute(in Input) Result {
	today := in.Today
	rest := honouredRest(in.Rest, today)
	r := Result{WeekGoal: min(clampGoal(in.WeekGoal), in.Workdays.Count()), Workdays: in.Workdays.IDs()}
	if !today.Valid() {
		return r
	}
	r.TodayActive = in.Activity[today] > 0
	r.TodayRest = rest[today]
	r.TodayOff = !in.Workdays.Works(today)

	weekStart := today.WeekStart()
	for d, n := range in.Activity {
		if n <= 0 || !d.Valid() || today.Before(d) {
			continue
		}
		r.TotalActive++
		if !d.Before(weekStart) {
			r.WeekActive++
		}
	}

	runs := runsOf(in.Activity, rest, today, in.Workdays)
	for _, ru := range runs {
		// >= so that on a tie the most recent run wins: when the current
		// streak equals the record, both show the same dates.
		if ru.active >= r.Longest {
			r.Longest, r.LongestStart, r.LongestEnd = ru.active, ru.start, ru.end
		}
	}

	// The current streak is the run that reaches today, or the last
	// workday before it when today is still open (today not yet done does
	// not break anything), with only days off in between.
	if n := len(runs); n > 0 && (runs[n-1].reaches == today || bridged(runs[n-1].reaches, today, in.Workdays)) {
		last := runs[n-1]
		r.Current, r.CurrentStart, r.CurrentEnd = last.active, last.start, last.end
	}
	r.AtRisk = r.Current > 0 && !r.TodayActive && !r.TodayRest && !r.TodayOff
	return r
}

// bridged reports whether every day strictly between a and b (a before b)
// is outside the workdays, so a streak carries from a to b. Consecutive
// days are bridged; so is a weekend between a Friday and a Monday when the
// week is Monday to Friday.
func bridged(a, b journal.Day, week journal.Workweek) bool {
	gap := a.DaysUntil(b)
	if gap < 1 || gap > 7 { // seven days in between hold a workday
		return false
	}
	for d := a.AddDays(1); d != b; d = d.AddDays(1) {
		if week.Works(d) {
			return false
		}
	}
	return true
}

// runsOf returns the streaks (runs with at least one active day) up to
// today, oldest first. Days off between marked days join them.
func runsOf(activity map[journal.Day]int, rest map[journal.Day]bool, today journal.Day, week journal.Workweek) []run {
	marked := make([]journal.Day, 0, len(activity)+len(rest))
	for d, n := range activity {
		if n > 0 && d.Valid() && !today.Before(d) {
			marked = append(marked, d)
		}
	}
	for d := range rest { // already valid, <= today
		if activity[d] <= 0 {
			marked = append(marked, d)
		}
	}
	sort.Slice(marked, func(i, j int) bool { return marked[i] < marked[j] })

	var runs []run
	var cur run
	flush := func() {
		if cur.active > 0 {
			runs = append(runs, cur)
		}
		cur = run{}
	}
	for i, d := range marked {
		if i > 0 && !bridged(marked[i-1], d, week) {
			flush()
		}
		cur.reaches = d
		if activity[d] > 0 {
			if cur.active == 0 {
				cur.start = d // a rest day before the first active day starts nothing
			}
			cur.end = d
			cur.active++
		}
	}
	flush()
	return runs
}

// honouredRest keeps the valid rest days up to today, at most one per week
// (the earliest), so data that slipped past CanRest — an import, an old
// file — still cannot stretch a streak further than the rule allows.
func honouredRest(rest map[journal.Day]bool, today journal.Day) map[journal.Day]bool {
	firstOfWeek := map[journal.Day]journal.Day{}
	for d, ok := range rest {
		if !ok || !d.Valid() || today.Before(d) {
			continue
		}
		w := d.WeekStart()
		if f, seen := firstOfWeek[w]; !seen || d.Before(f) {
			firstOfWeek[w] = d
		}
	}
	out := make(map[journal.Day]bool, len(firstOfWeek))
	for _, d := range firstOfWeek {
		out[d] = true
	}
	return out
}

func clampGoal(g int) int { return max(0, min(g, 7)) }

// CanRest reports whether day may be marked as a rest day: only one rest
// day per week (Monday to Sunday). Marking the same day again is fine.
func CanRest(rest map[journal.Day]bool, day journal.Day) error {
	if !day.Valid() {
		return fmt.Errorf("%q is not a date of the form YYYY-MM-DD", string(day))
	}
	w := day.WeekStart()
	var taken []journal.Day
	for d, ok := range rest {
		if ok && d != day && d.Valid() && d.WeekStart() == w {
			taken = append(taken, d)
		}
	}
	if len(taken) == 0 {
		return nil
	}
	sort.Slice(taken, func(i, j int) bool { return taken[i] < taken[j] })
	return fmt.Errorf("%w: the week of %s already has its rest day on %s, and a week gets one",
		ErrRestTaken, w, taken[0])
}

// DayIn is the calendar day of the instant t as seen in loc (time.Local
// when loc is nil). Store instants, convert once with DayIn, and the day
// stays right across DST switches and moves between zones.
func DayIn(t time.Time, loc *time.Location) journal.Day {
	if loc == nil {
		loc = time.Local
	}
	return journal.DayOf(t.In(loc))
}

// Cell is one day of the heatmap.
type Cell struct {
	Day    journal.Day
	Level  int  // 0 (nothing) .. MaxLevel
	Rest   bool // an honoured rest day
	Off    bool // outside the user's workdays: never a missed day
	Future bool // after today: drawn blank
	Today  bool
}

// Level quantises a day's activity for the heatmap. Fixed steps rather than
// quartiles of the user's own maximum, so a cell means the same thing
// every week: 1, 2, 3, 4 or more things done.
func Level(n int) int { return max(0, min(n, MaxLevel)) }

// Heatmap lays out weeks columns, the last holding today's week; each column
// has 7 cells, Monday to Sunday. weeks <= 0 gives nil.
func Heatmap(in Input, weeks int) [][]Cell {
	if weeks <= 0 || !in.Today.Valid() {
		return nil
	}
	rest := honouredRest(in.Rest, in.Today)
	first := in.Today.WeekStart().AddDays(-7 * (weeks - 1))
	cols := make([][]Cell, weeks)
	for w := range cols {
		col := make([]Cell, 7)
		for i := range col {
			d := first.AddDays(7*w + i)
			c := Cell{Day: d, Today: d == in.Today, Future: in.Today.Before(d)}
			if !c.Future {
				c.Level = Level(in.Activity[d])
				c.Rest = rest[d]
				c.Off = !in.Workdays.Works(d)
			}
			col[i] = c
		}
		cols[w] = col
	}
	return cols
}

// Describe is one calm sentence about r for the home screen and the CLI.
// It never scolds: a missed day is simply a fresh start.
func Describe(r Result) string {
	switch {
	case r.Current == 0 && r.TodayRest:
		return "No streak right now — today is a rest day; a reflection tomorrow starts one."
	case r.Current == 0 && r.TodayOff && !r.TodayActive:
		return "No streak right now — today is outside your workdays; a reflection on your next workday starts one."
	case r.Current == 0:
		return "No streak right now — a reflection today starts one."
	}
	head := fmt.Sprintf("%d-day streak since %s", r.Current, r.CurrentStart)
	if r.Current == 1 {
		head = "1-day streak, started " + string(r.CurrentStart)
	}
	switch {
	case r.TodayActive:
		return head + " — today is done; see you tomorrow."
	case r.TodayRest:
		return head + " — today is a rest day; the streak waits for you."
	case r.TodayOff:
		return head + " — today is outside your workdays; the streak waits for you."
	default:
		return head + " — today isn't logged yet; a reflection keeps it going."
	}
}

// Days is "3 active days" (1: "1 active day").
func Days(n int) string {
	if n == 1 {
		return "1 active day"
	}
	return fmt.Sprintf("%d active days", n)
}
