package review

import (
	"fmt"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Source is what Load reads (*store.Store is one).
type Source interface {
	Tallies(mode string, from, to journal.Day) (map[journal.Day]tally.Day, error)
	WeekFacts(mode string, from, to, today journal.Day) (journal.WeekFacts, error)
	Reflections(from, to journal.Day) ([]journal.Reflection, error)
	Review(week journal.Day) (journal.Review, bool, error)
	experiment.Source
}

// Load reads the review of the week that holds day, as of today, for the
// No's of mode m: two weeks of day tallies, the week's facts and
// reflections, the experiments, this week's and last week's answers.
func Load(src Source, m *coach.Mode, day, today journal.Day, week journal.Workweek) (Summary, error) {
	from, last := journal.WeekOf(day, week)
	to := min(last, today) // the week so far
	in := Input{Mode: m, From: from, To: to}
	days, err := src.Tallies(m.ID, from.AddDays(-7), to)
	if err != nil {
		return Summary{}, err
	}
	// While the week runs, the week before counts to the same weekday:
	// two days against two days, not against a whole week.
	for d, t := range days {
		switch {
		case d >= from:
			in.This.Merge(&t)
		case d <= to.AddDays(-7):
			in.Prev.Merge(&t)
		}
	}
	if in.Facts, err = src.WeekFacts(m.ID, from, last, today); err != nil {
		return Summary{}, err
	}
	if in.Reflections, err = src.Reflections(from, to); err != nil {
		return Summary{}, err
	}
	if in.Experiments, err = experiment.Load(src, m.ID, to, false); err != nil {
		return Summary{}, fmt.Errorf("read the experiments: %w", err)
	}
	if r, ok, err := src.Review(from); err != nil {
		return Summary{}, err
	} else if ok {
		in.Saved = &r
	}
	if r, ok, err := src.Review(from.AddDays(-7)); err != nil {
		return Summary{}, err
	} else if ok {
		in.Previous = &r
	}
	s := Build(in)
	s.Past = last < today
	return s, nil
}

// FocusFor is the focus home shows on today: the answer saved for this
// week (the question asks about the next, so it holds from when it is
// saved) or for the week before (the week it was meant for). latest is
// the journal's latest review (store.LatestReview: one key).
func FocusFor(latest journal.Review, ok bool, today journal.Day, week journal.Workweek) (string, bool) {
	if !ok {
		return "", false
	}
	// Any review whose seven days reach into last week counts, so a
	// change of workdays (weeks that start on another day) keeps it.
	from, _ := journal.WeekOf(today, week)
	if latest.Week.AddDays(6) >= from.AddDays(-7) && latest.Week <= today {
		return latest.Focus, true
	}
	return "", false
}
