package journal

import (
	"strings"
	"time"
)

// Review is one weekly review as the user keeps it: the week it looked
// back on (its first day, see WeekOf) and the answer to "What will you
// focus on next week?". Everything else a review shows is read again from
// the journal's aggregates, so it is never stale and never stored twice.
type Review struct {
	Week    Day       `json:"week"`
	Mode    string    `json:"mode,omitempty"`
	Focus   string    `json:"focus"`
	SavedAt time.Time `json:"saved_at"`
}

// MaxReviews bounds the reviews one export may carry (a review a week for
// two centuries is about 10,000).
const MaxReviews = 20000

// CheckReview checks a review as the command line, the screen and import
// store it: a week in range, a focus that is not blank and not too long.
func CheckReview(r *Review) error {
	if err := checkDay("week", r.Week); err != nil {
		return err
	}
	if strings.TrimSpace(r.Focus) == "" {
		return invalid("the focus is empty; say in a few words what you will focus on next week")
	}
	if len(r.Focus) > MaxField {
		return tooLong("the focus", len(r.Focus))
	}
	if len(r.Mode) > MaxTag {
		return invalid("the mode is %s bytes; an id is at most %d bytes", commas(len(r.Mode)), MaxTag)
	}
	if !sensible(r.SavedAt) {
		return invalid("saved_at %s is out of range", r.SavedAt.Format(time.RFC3339))
	}
	return nil
}

// WeekOf is the week that holds d for someone who works on w's days: the
// seven days from its first day. A week starts on the first workday after
// the longest run of days off (Monday to Friday: Monday; Sunday to
// Thursday: Sunday), so the days off that end a working week belong to it:
// on a Saturday the week is the one just worked. With every day a workday
// (or a tie between runs) the week starts on the earliest such day counted
// from Monday.
func WeekOf(d Day, w Workweek) (first, last Day) {
	start := w.weekStartDay() // 0 = Monday
	wd := (int(d.Weekday()) + 6) % 7
	back := (wd - start + 7) % 7
	first = d.AddDays(-back)
	return first, first.AddDays(6)
}

// weekStartDay is the weekday (Monday 0) a week starts on for w.
func (w Workweek) weekStartDay() int {
	f := w.full()
	if f == EveryDay {
		return 0
	}
	best, bestRun := 0, -1
	for i := range 7 {
		// i starts a week when it is a workday and the day before is not.
		if f&(1<<i) == 0 || f&(1<<((i+6)%7)) != 0 {
			continue
		}
		run := 0
		for j := 1; j <= 7 && f&(1<<((i-j+14)%7)) == 0; j++ {
			run++
		}
		if run > bestRun {
			best, bestRun = i, run
		}
	}
	return best
}

// WeekFacts are what a weekly review reads beyond the day tallies
// (store.WeekFacts says how).
type WeekFacts struct {
	// FollowUpsDone, FollowUpsOpen and FollowUpsAhead count the follow-ups
	// due in the week: done; not done though their day has passed; due
	// today or later in the week.
	FollowUpsDone, FollowUpsOpen, FollowUpsAhead int
	// Turnarounds are the No's whose outcome reached maybe or yes in the week.
	Turnarounds []Turnaround
	// Traps count the thinking traps recorded on the week's reframed No's
	// (and the week before's); TrapNos how many had a thought record.
	Traps, PrevTraps     map[string]int
	TrapNos, PrevTrapNos int
}

// Turnaround is a No whose outcome reached maybe or yes, and when.
type Turnaround struct {
	ID      uint64    `json:"id"`
	Date    Day       `json:"date"`
	Who     string    `json:"who"`
	Outcome Outcome   `json:"outcome"`
	At      time.Time `json:"at"`
	Reason  string    `json:"reason,omitempty"`
	Kind    Kind      `json:"kind,omitempty"`
}
