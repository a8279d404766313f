// Package progress loads what the streak and insights need from the store:
// the one place that turns stored reflections, per-day tallies and rest days
// into streak.Input, and tallies into an insights.Report. The TUI and the CLI
// both call it, so the screen and `rebound streak --json` cannot disagree.
package progress

import (
	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/tally"
)

// StreakStore is what the streak reads: small per-day counts kept with
// every write, and the rest days.
type StreakStore interface {
	ReframedDays(from, to journal.Day) (map[journal.Day]int, error)
	ReflectionDays(from, to journal.Day) (map[journal.Day]int, error)
	RestDays() (map[journal.Day]bool, error)
}

// TallyStore is what a report reads: day tallies of one mode's No's (""
// sums every mode), the sum of its month tallies, and the days' counts
// alone for a trend.
type TallyStore interface {
	Tallies(mode string, from, to journal.Day) (map[journal.Day]tally.Day, error)
	MonthTotal(mode string, from, to string) (tally.Day, error)
	TrendTallies(mode string, from, to journal.Day) (map[journal.Day]tally.Day, error)
	// Loops reads the few wins that name a referral and the period's
	// reflections' intention_kept (see insights.Thinking).
	Loops(mode string, from, to journal.Day) (referralYes int, kept map[journal.IntentionKept]int, err error)
	// The mode's experiments, each counted over its own windows.
	experiment.Source
}

// Streak loads every active day up to today and computes the streak.
//
// A day's activity is its reflection sessions (those with an answer, a win
// or an intention) plus the No's dated that day that are reframed
// (reason, turnaround answer and lesson). A No counts for its own date, so a
// backdated No (`--date`) fills the day it happened. Rest days are the
// stored ones; streak.Compute honours at most one per week. The weekly
// goal and the workdays come from set.
func Streak(st StreakStore, today journal.Day, set journal.Settings) (streak.Input, streak.Result, error) {
	in, err := StreakInput(st, today, set)
	if err != nil {
		return in, streak.Result{}, err
	}
	return in, streak.Compute(in), nil
}

// StreakInput is the loading half of Streak, for callers that also draw the heatmap.
func StreakInput(st StreakStore, today journal.Day, set journal.Settings) (streak.Input, error) {
	in := streak.Input{Today: today, WeekGoal: set.WeekGoal, Workdays: set.Workweek(), Activity: map[journal.Day]int{}}
	// Small per-day counts kept with every write: no tally or reflection
	// is decoded, so the streak costs the same at 100 or 100,000 No's.
	reframed, err := st.ReframedDays("", today)
	if err != nil {
		return in, err
	}
	for d, n := range reframed {
		in.Activity[d] += n
	}
	sessions, err := st.ReflectionDays("", today)
	if err != nil {
		return in, err
	}
	for d, n := range sessions {
		// 0: only an empty reflection (no answer, win or intention) was
		// saved that day, which does not make it active.
		in.Activity[d] += max(n, 0)
	}
	if in.Rest, err = st.RestDays(); err != nil {
		return in, err
	}
	return in, nil
}

// TallyRange is the span of tallies a report for period needs: the period,
// the previous period of the same length and the trend's weeks; "" (from
// the beginning) for "all".
func TallyRange(period insights.Period, today journal.Day) (from, to journal.Day) {
	if period.Days <= 0 {
		return "", today
	}
	from, _ = period.Range(today)
	if pfrom, _ := period.Previous(today); pfrom != "" && pfrom.Before(from) {
		from = pfrom
	}
	if trend := today.WeekStart().AddDays(-7 * (insights.TrendWeeks - 1)); trend.Before(from) {
		from = trend
	}
	return from, today
}

// Insights loads only the tallies period needs and computes its report.
// It counts only the No's of mode (logged in it): a coach that mixed a
// job search into a sales report would give advice true for neither.
// For "all", the period is every month's tally up to this month's, less
// the days of this month after today (a No dated ahead is in no past
// period), and the trend's weeks are the counts of their days: a read per
// month and the trend's days' counts, whatever a day holds.
func Insights(st TallyStore, mode *coach.Mode, period insights.Period, today journal.Day) (insights.Report, error) {
	var id string
	if mode != nil {
		id = mode.ID
	}
	in := insights.Input{Period: period, Today: today, Mode: mode}
	var err error
	if period.Days > 0 {
		in.Days, err = Tallies(st, id, period, today)
	} else {
		in.Days, in.Trend, err = allTime(st, id, today)
	}
	if err != nil {
		return insights.Report{}, err
	}
	from, to := period.Range(today)
	if in.ReferralYes, in.Kept, err = st.Loops(id, from, to); err != nil {
		return insights.Report{}, err
	}
	r := insights.Compute(in)
	if r.Experiments, err = experiment.Load(st, id, today, false); err != nil {
		return insights.Report{}, err
	}
	return r, nil
}

// allTime is what "all" reads: the sum of the month tallies through
// today's month, less this month's days after today, under today's key
// (no trend reads it), and the counts of the trend's days.
func allTime(st TallyStore, mode string, today journal.Day) (days, trend map[journal.Day]tally.Day, err error) {
	month := string(today)[:7]
	sum, err := st.MonthTotal(mode, "", month)
	if err != nil {
		return nil, nil, err
	}
	ahead, err := st.Tallies(mode, today.AddDays(1), journal.Day(month+"-31"))
	if err != nil {
		return nil, nil, err
	}
	for _, t := range ahead {
		sum.Sub(&t)
	}
	days = map[journal.Day]tally.Day{}
	if !sum.Empty() {
		days[today] = sum
	}
	trend, err = st.TrendTallies(mode, insights.TrendStart(today), today)
	return days, trend, err
}

// Tallies are the day tallies of the No's of mode ("" every mode) a
// report for a period of days reads (see Insights; "all" reads allTime
// instead: every day's tally would cost what a day holds).
func Tallies(st TallyStore, mode string, period insights.Period, today journal.Day) (map[journal.Day]tally.Day, error) {
	from, to := TallyRange(period, today)
	return st.Tallies(mode, from, to)
}

// RestInWeek is the earliest rest day other than day in day's week (Monday
// to Sunday), or "" when the week has none: the day that makes
// streak.CanRest refuse.
func RestInWeek(rest map[journal.Day]bool, day journal.Day) journal.Day {
	var found journal.Day
	for d, ok := range rest {
		if ok && d != day && d.Valid() && d.WeekStart() == day.WeekStart() && (found == "" || d.Before(found)) {
			found = d
		}
	}
	return found
}
