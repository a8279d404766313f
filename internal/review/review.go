// Package review is the weekly review: the week's No's by reason and kind
// against the week before, follow-ups done and still open, turnarounds,
// the experiment's status, thinking traps, kept intentions, and the one
// question, "What will you focus on next week?". It reads aggregates (the
// day tallies, the week's reflections, the list rows: store.WeekFacts) and
// the saved answer; Build is a pure function of them.
//
// The week follows the user's workdays (journal.WeekOf): it starts on the
// first workday after the longest run of days off, so the days off that
// end a working week belong to it. On a day off after the last workday
// (a Saturday, Monday to Friday) the review is of the week just worked; on
// a workday, of the week so far. The week before is the seven days before.
package review

import (
	"cmp"
	"slices"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Count is one reason, kind or trap: this week's No's and the week before's.
type Count struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Count int    `json:"count"`
	Prev  int    `json:"prev"`
}

// FollowUps are the follow-ups due in the week (every mode).
type FollowUps struct {
	Done int `json:"done"`
	// Open are not done yet though their day has passed.
	Open int `json:"open"`
	// Ahead are due today or later in the week.
	Ahead int `json:"ahead"`
}

// Intentions counts the week's answers to "Did you do it?".
type Intentions struct {
	Asked  int `json:"asked"`
	Yes    int `json:"yes"`
	Partly int `json:"partly"`
	NotYet int `json:"not_yet"`
}

// Summary is the weekly review (rebound review --json).
type Summary struct {
	Mode         string               `json:"mode"`
	From         journal.Day          `json:"from"`
	To           journal.Day          `json:"to"`
	PreviousFrom journal.Day          `json:"previous_from"`
	PreviousTo   journal.Day          `json:"previous_to"`
	Nos          int                  `json:"nos"`
	PreviousNos  int                  `json:"previous_nos"`
	Reasons      []Count              `json:"reasons"`
	Kinds        []Count              `json:"kinds"`
	FollowUps    FollowUps            `json:"follow_ups"`
	Turnarounds  []journal.Turnaround `json:"turnarounds"`
	Experiments  []experiment.Report  `json:"experiments"`
	Traps        []Count              `json:"traps"`
	Intentions   Intentions           `json:"intentions"`
	Question     string               `json:"question"`
	Focus        *string              `json:"focus"`
	FocusSavedAt *time.Time           `json:"focus_saved_at,omitempty"`
	// PreviousFocus is the week before's answer, shown as a reminder.
	PreviousFocus *string         `json:"previous_focus"`
	Previous      *journal.Review `json:"-"`
	// Past is a week that ended before today (rebound review --date).
	Past     bool              `json:"-"`
	Words    coach.ReviewWords `json:"-"`
	ModeInfo *coach.Mode       `json:"-"`
}

// Input is what Build needs, as the store returns it.
type Input struct {
	Mode        *coach.Mode
	From, To    journal.Day
	This, Prev  tally.Day
	Facts       journal.WeekFacts
	Reflections []journal.Reflection // the week's
	Experiments []experiment.Report  // of the mode, as of To
	Saved       *journal.Review      // this week's, if answered
	Previous    *journal.Review      // the week before's, if answered
}

// Build is the review of in: pure, so the CLI, the screen and tests agree.
func Build(in Input) Summary {
	m := in.Mode
	s := Summary{Mode: m.ID, From: in.From, To: in.To, PreviousFrom: in.From.AddDays(-7), PreviousTo: min(in.To.AddDays(-7), in.From.AddDays(-1)),
		Nos: in.This.Nos, PreviousNos: in.Prev.Nos, Words: m.Review, ModeInfo: m, Previous: in.Previous,
		FollowUps: FollowUps{Done: in.Facts.FollowUpsDone, Open: in.Facts.FollowUpsOpen, Ahead: in.Facts.FollowUpsAhead},
		Question:  m.Review.Question, Turnarounds: in.Facts.Turnarounds}
	s.Reasons = counts(in.This.Reasons, in.Prev.Reasons, m.ReasonLabel)
	s.Kinds = counts(in.This.Kinds, in.Prev.Kinds, func(id string) string {
		if k, ok := m.KindInfo(journal.Kind(id)); ok {
			return k.Label
		}
		return id
	})
	s.Traps = counts(in.Facts.Traps, in.Facts.PrevTraps, m.TrapName)
	if s.Turnarounds == nil {
		s.Turnarounds = []journal.Turnaround{}
	}
	slices.SortFunc(s.Turnarounds, func(a, b journal.Turnaround) int { return a.At.Compare(b.At) })
	for _, r := range in.Reflections {
		if r.Date < in.From || r.Date > in.To || r.IntentionKept == "" {
			continue
		}
		s.Intentions.Asked++
		switch r.IntentionKept {
		case journal.KeptYes:
			s.Intentions.Yes++
		case journal.KeptPartly:
			s.Intentions.Partly++
		case journal.KeptNotYet:
			s.Intentions.NotYet++
		}
	}
	s.Experiments = []experiment.Report{}
	for _, e := range in.Experiments {
		// Running in the week: started by its end, not ended before it.
		if e.Start <= in.To && (e.End == nil || *e.End >= in.From) {
			s.Experiments = append(s.Experiments, e)
		}
	}
	if in.Previous != nil {
		f := in.Previous.Focus
		s.PreviousFocus = &f
	}
	if in.Saved != nil {
		f, at := in.Saved.Focus, in.Saved.SavedAt
		s.Focus, s.FocusSavedAt = &f, &at
	}
	return s
}

// counts lists the ids of this week and the week before, most this week
// first (then the week before, then by id), so what changed reads top down.
func counts(this, prev map[string]int, label func(string) string) []Count {
	out := []Count{}
	seen := map[string]bool{}
	for _, m := range []map[string]int{this, prev} {
		for id := range m {
			if seen[id] {
				continue
			}
			seen[id] = true
			out = append(out, Count{ID: id, Label: label(id), Count: this[id], Prev: prev[id]})
		}
	}
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(b.Prev, a.Prev), cmp.Compare(a.ID, b.ID))
	})
	return out
}
