// Package prep is the prep card: what to know in the minutes before
// reaching out to a prospect again (seed 002: research before you reach
// out). Build is pure; Load reads what it needs through bounded reads:
// one page of the prospect's No's (the prospect index), the lessons of
// similar No's (by_day, capped) and the mode's month tallies.
package prep

import (
	"fmt"
	"strings"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
	"github.com/rebound-coach/rebound/internal/words"
)

// NosLimit is how many of the prospect's newest No's the card carries;
// the counts cover the rest (rebound who lists them all).
const NosLimit = 10

// LessonsLimit is how many lessons of similar No's it shows.
const LessonsLimit = 3

// MinOdds is the fewest No's of a kind, in the mode, before the card says
// how often that kind turned around: fewer give a rate one more No would
// swing (the same threshold as every rate Rebound shows).
const MinOdds = 10

// Odds are how many of the mode's No's of one kind turned around (ever
// reached maybe or yes), of how many.
type Odds struct {
	Turned int `json:"turned"`
	Total  int `json:"total"`
}

// Card is the prep card. Its JSON is `rebound prep NAME --json`; the
// fields after Checklist are for the screen and the text.
type Card struct {
	Who string `json:"who"`
	// Nos are their newest No's (at most NosLimit), as show --json prints them.
	Nos []journal.No `json:"nos"`
	// Condition, ConditionMet, Next and FollowUp come from their latest
	// open No (not yes, not let go) that has each; nil when none has.
	Condition    *string      `json:"condition"`
	ConditionMet bool         `json:"condition_met"`
	Next         *string      `json:"next"`
	FollowUp     *journal.Day `json:"follow_up"`
	// Lessons of the mode's No's with the same reason or kind as their
	// latest (open) No, from others, newest first, at most LessonsLimit.
	Lessons []journal.Lesson `json:"lessons"`
	// Odds for the kind of their latest (open) No; nil below MinOdds.
	Odds      *Odds    `json:"odds"`
	Checklist []string `json:"checklist"`

	// ConditionID is the No whose condition the card shows (0: none): the
	// one the card's key marks met or not.
	ConditionID uint64 `json:"-"`
	// Focus is the No the lessons and odds are about (their latest open
	// No, else their newest); Kind its kind, KindTotal the No's of that
	// kind in the mode (shown below MinOdds instead of a rate).
	Focus     *journal.No  `json:"-"`
	Kind      journal.Kind `json:"-"`
	KindTotal int          `json:"-"`
	// Debrief are the answers of their latest No that has any; DebriefID it.
	Debrief   []journal.Answer `json:"-"`
	DebriefID uint64           `json:"-"`
	Opening   string           `json:"-"`
	// Total and Yes count every No from them.
	Total, Yes int         `json:"-"`
	Mode       *coach.Mode `json:"-"`
}

// Store is what Load reads (*store.Store is one).
type Store interface {
	Prospect(name string, limit int, before *journal.Cursor) (journal.Prospect, error)
	SimilarLessons(mode, reason string, kind journal.Kind, exclude string, limit int) ([]journal.Lesson, error)
	MonthTallies(mode string, from, to string) (map[string]tally.Day, error)
}

// Load reads the card of the prospect named name (a whole name, as
// SameWho matches; the caller resolves a typed prefix first). modeOf
// gives a No's mode (its own, else the one in use). A prospect without
// a No gives a card with no No's.
func Load(st Store, name string, modeOf func(string) *coach.Mode) (Card, error) {
	p, err := st.Prospect(name, NosLimit, nil)
	if err != nil {
		return Card{}, err
	}
	focus := focusOf(p.Nos)
	mode := modeOf("")
	var lessons []journal.Lesson
	var months map[string]tally.Day
	if focus != nil {
		mode = modeOf(focus.Mode)
		if lessons, err = st.SimilarLessons(focus.Mode, focus.Reason, focus.Kind, p.Name, LessonsLimit); err != nil {
			return Card{}, err
		}
		if focus.Kind != "" {
			if months, err = st.MonthTallies(focus.Mode, "", ""); err != nil {
				return Card{}, err
			}
		}
	}
	return Build(p, lessons, months, mode), nil
}

// focusOf is their latest open No, else their newest (nil: none).
func focusOf(nos []journal.No) *journal.No {
	for i := range nos {
		if !followup.Settled(nos[i].Outcome) {
			return &nos[i]
		}
	}
	if len(nos) > 0 {
		return &nos[0]
	}
	return nil
}

// Build makes the card from a page of the prospect's No's (newest first),
// the lessons of similar No's, the mode's month tallies and the mode.
func Build(p journal.Prospect, lessons []journal.Lesson, months map[string]tally.Day, mode *coach.Mode) Card {
	c := Card{Who: p.Name, Nos: p.Nos, Lessons: lessons, Total: p.Total, Yes: p.Yes, Mode: mode}
	if c.Nos == nil {
		c.Nos = []journal.No{}
	}
	if c.Lessons == nil {
		c.Lessons = []journal.Lesson{}
	}
	for i := range p.Nos {
		n := &p.Nos[i]
		if len(n.Debrief) > 0 && c.DebriefID == 0 {
			c.Debrief, c.DebriefID = n.Debrief, n.ID
		}
		if followup.Settled(n.Outcome) {
			continue
		}
		if ch := strings.TrimSpace(n.Change); ch != "" && c.Condition == nil {
			c.Condition, c.ConditionMet, c.ConditionID = &ch, n.ConditionMet, n.ID
		}
		if x := strings.TrimSpace(n.Next); x != "" && c.Next == nil {
			c.Next = &x
		}
		if n.FollowUp != "" && !n.FollowUpDone && c.FollowUp == nil {
			d := n.FollowUp
			c.FollowUp = &d
		}
	}
	if c.FollowUp == nil && p.OpenFollowUp != nil {
		d := p.OpenFollowUp.FollowUp // an open follow-up on an older page
		c.FollowUp = &d
	}
	c.Focus = focusOf(p.Nos)
	if c.Focus != nil && c.Focus.Kind != "" {
		c.Kind = c.Focus.Kind
		o := KindOdds(months, c.Kind)
		c.KindTotal = o.Total
		if o.Total >= MinOdds {
			c.Odds = &o
		}
	}
	if mode != nil {
		c.Checklist = append([]string{}, mode.Prep.Checklist...)
		cond := ""
		if c.Condition != nil {
			cond = *c.Condition
		}
		c.Opening = mode.Opening(c.Who, cond, c.ConditionMet)
	}
	if c.Checklist == nil {
		c.Checklist = []string{}
	}
	return c
}

// KindOdds sums, over a mode's tallies, the No's of kind and those of
// them that turned around (ever reached maybe or yes).
func KindOdds[K comparable](ts map[K]tally.Day, kind journal.Kind) Odds {
	var o Odds
	for _, t := range ts {
		o.Total += t.Kinds[string(kind)]
		o.Turned += t.Turned["kind:"+string(kind)]
	}
	return o
}

// OddsLine says how often the kind of their latest No turned around for
// the user, with its counts ("Not now: 5 of 23 became maybe or yes"), or,
// below MinOdds, how many there are so far; "" when that No has no kind.
func OddsLine(c Card) string {
	if c.Kind == "" {
		return ""
	}
	label := string(c.Kind)
	if c.Mode != nil {
		if ki, ok := c.Mode.KindInfo(c.Kind); ok {
			label = ki.Label
		}
	}
	if c.Odds == nil {
		return fmt.Sprintf("%s: %s of this kind so far; the odds show from %d.", label, words.Count(c.KindTotal, "No", "No's"), MinOdds)
	}
	return fmt.Sprintf("%s: %d of %d became maybe or yes for you.", label, c.Odds.Turned, c.Odds.Total)
}
