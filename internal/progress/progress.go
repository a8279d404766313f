// Package progress loads what the streak and insights need from the store:
// the one place that turns stored reflections, per-day tallies and rest days
// into streak.Input, and tallies into an insights.Report. The TUI and the CLI
// both call it, so the screen and `rebound streak --json` cannot disagree.
package progress

import (
	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/streak"
)

// Streak loads every active day up to today and computes the streak.
//
// A day's activity is its reflection sessions (at least 1 when a reflection
// is stored for that day) plus the No's dated that day that are reframed
// (reason, turnaround answer and lesson). A No counts for its own date, so a
// backdated No (`--date`) fills the day it happened. Rest days are the
// stored ones; streak.Compute honours at most one per week.
func Streak(st *store.Store, today journal.Day, weekGoal int) (streak.Input, streak.Result, error) {
	in, err := StreakInput(st, today, weekGoal)
	if err != nil {
		return in, streak.Result{}, err
	}
	return in, streak.Compute(in), nil
}

// StreakInput is the loading half of Streak, for callers that also draw the heatmap.
func StreakInput(st *store.Store, today journal.Day, weekGoal int) (streak.Input, error) {
	in := streak.Input{Today: today, WeekGoal: weekGoal, Activity: map[journal.Day]int{}}
	tallies, err := st.Tallies("", today)
	if err != nil {
		return in, err
	}
	for d, t := range tallies {
		if t.Reframed > 0 {
			in.Activity[d] += t.Reframed
		}
	}
	refl, err := st.Reflections("", today)
	if err != nil {
		return in, err
	}
	for _, r := range refl {
		in.Activity[r.Date] += max(r.Sessions, 1)
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
func Insights(st *store.Store, mode *coach.Mode, period insights.Period, today journal.Day) (insights.Report, error) {
	from, to := TallyRange(period, today)
	days, err := st.Tallies(from, to)
	if err != nil {
		return insights.Report{}, err
	}
	return insights.Compute(insights.Input{Period: period, Today: today, Days: days, Mode: mode}), nil
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
