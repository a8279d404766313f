// Package followup is the follow-up logic, with no I/O: which follow-ups are
// overdue, due today or coming up; when to follow up a No that has no date
// yet (a suggestion the user confirms, never applied silently); the next
// check-in after a follow-up is done; and the small edits done, snooze and
// outcome make to a No.
package followup

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

// UpcomingDays is how far ahead the follow-ups list looks by default.
const UpcomingDays = 14

// Item is one follow-up: a No with a follow-up date not yet done.
type Item struct {
	No  journal.No
	Due journal.Day
	// DaysLate is how many days overdue (0 when due today or later).
	DaysLate int
	// DaysUntil is how many days until it is due (0 when due today or late).
	DaysUntil int
	// DaysSince is how long ago the No happened, in days.
	DaysSince int
}

// Overdue reports whether the follow-up's date has passed.
func (i Item) Overdue() bool { return i.DaysLate > 0 }

// Groups are the follow-ups by when they are due.
type Groups struct {
	Overdue, Today, Upcoming []Item
}

// Len is the number of follow-ups in all groups.
func (g Groups) Len() int { return len(g.Overdue) + len(g.Today) + len(g.Upcoming) }

// All lists the groups in order: overdue, today, upcoming.
func (g Groups) All() []Item {
	return slices.Concat(g.Overdue, g.Today, g.Upcoming)
}

// Classify sorts the open follow-ups of nos relative to today (the user's
// local day: journal.Today(now)). Upcoming holds those due within days
// after today (UpcomingDays when days <= 0). No's without a follow-up date,
// with the follow-up done, or settled (yes, closed) are left out. Each
// group is ordered by due date, then by id.
func Classify(nos []journal.No, today journal.Day, days int) Groups {
	var g Groups
	for _, n := range nos {
		if n.FollowUpDone {
			continue
		}
		sec, late, until, since := Place(n.FollowUp, n.Date, n.Outcome, today, days)
		it := Item{No: n, Due: n.FollowUp, DaysLate: late, DaysUntil: until, DaysSince: since}
		switch sec {
		case Overdue:
			g.Overdue = append(g.Overdue, it)
		case Today:
			g.Today = append(g.Today, it)
		case Upcoming:
			g.Upcoming = append(g.Upcoming, it)
		}
	}
	byDue := func(a, b Item) int {
		return cmp.Or(cmp.Compare(a.Due, b.Due), cmp.Compare(a.No.ID, b.No.ID))
	}
	for _, l := range [][]Item{g.Overdue, g.Today, g.Upcoming} {
		// The store lists follow-ups in this order already: no need to
		// move thousands of Items around.
		if !slices.IsSortedFunc(l, byDue) {
			slices.SortStableFunc(l, byDue)
		}
	}
	return g
}

// Section is where a follow-up is listed.
type Section int

// The sections, in the order they are listed; Unlisted is none of them.
const (
	Unlisted Section = iota
	Overdue
	Today
	Upcoming
)

// Place is Classify for one open follow-up (not done) due on due, of a No
// dated date with outcome o: its section (Unlisted when there is no valid
// date, the No is settled, or it is due more than days after today;
// UpcomingDays when days <= 0), days late (overdue), days until it is due
// (upcoming) and days since the No.
func Place(due, date journal.Day, o journal.Outcome, today journal.Day, days int) (sec Section, late, until, since int) {
	if due.IsZero() || !due.Valid() || Settled(o) {
		return Unlisted, 0, 0, 0
	}
	if days <= 0 {
		days = UpcomingDays
	}
	since = max(0, date.DaysUntil(today))
	switch d := today.DaysUntil(due); {
	case d < 0:
		return Overdue, -d, 0, since
	case d == 0:
		return Today, 0, 0, since
	case due <= today.AddDays(days):
		return Upcoming, 0, d, since
	}
	return Unlisted, 0, 0, 0
}

// LongLate is how many days late a follow-up is before the list offers,
// gently and for all of them at once, to let it go or give it a new date:
// months-old follow-ups otherwise pile up as a wall of "334 days late".
const LongLate = 60

// LongLate are the overdue follow-ups more than LongLate days late.
func (g Groups) LongLate() []Item {
	var out []Item
	for _, it := range g.Overdue {
		if it.DaysLate > LongLate {
			out = append(out, it)
		}
	}
	return out
}

// LongLateNote is the gentle line over the overdue follow-ups when n of
// them are more than LongLate days late ("" when none).
func LongLateNote(n int) string {
	switch {
	case n <= 0:
		return ""
	case n == 1:
		return fmt.Sprintf("1 follow-up has waited more than %d days. It's fine to close it, or give it a new date.", LongLate)
	}
	return fmt.Sprintf("%d follow-ups have waited more than %d days. It's fine to close them, or give them a new date.", n, LongLate)
}

// StillLongLate reports whether n is still an open follow-up more than
// LongLate days late on today: one settled, done or moved meanwhile (in
// another terminal) is left out of a bulk change.
func StillLongLate(n journal.No, today journal.Day) bool {
	sec, late, _, _ := Place(n.FollowUp, n.Date, n.Outcome, today, 0)
	return !n.FollowUpDone && sec == Overdue && late > LongLate
}

// LetGo closes n (outcome closed): the No stays in the journal and its
// follow-up is done; a change of heart is an outcome away.
func LetGo(n *journal.No, now time.Time) { SetOutcome(n, journal.OutcomeClosed, now, "") }

// Settled reports an outcome that needs no more follow-up.
func Settled(o journal.Outcome) bool { return o == journal.OutcomeYes || o == journal.OutcomeClosed }

// Suggestion is a proposed follow-up date and why.
type Suggestion struct {
	Day journal.Day
	// Why is one short phrase: "Not now — they mentioned “next quarter”".
	Why string
}

// Suggest is the one rule for when to follow up n, used by the follow-ups
// list and the reframe's pre-fill alike: the time they named, in their
// answer to the turnaround question, what they said or their reason
// ("next quarter", "in a few weeks", "maybe after Q2": see NamedTime),
// whatever the kind; else the mode's days for the kind (not-now about 3
// months, not-understood 2 days...). Both count from the No's date, so the
// list and the reframe agree whenever each is opened. A final No, a
// settled one, or one whose follow-up is already set gets no suggestion
// (ok false); a suggestion that would land in the past is today, and one
// that would land outside the workdays (week) moves to the next workday.
func Suggest(mode *coach.Mode, n journal.No, today journal.Day, week journal.Workweek) (Suggestion, bool) {
	if !n.FollowUp.IsZero() || Settled(n.Outcome) || n.Kind == journal.KindFinal {
		return Suggestion{}, false
	}
	from := n.Date
	if !from.Valid() {
		from = today
	}
	label := "Kind not set yet"
	if ki, ok := mode.KindInfo(n.Kind); ok {
		label = ki.Label
	}
	for _, text := range []string{n.Change, n.Said, n.ReasonText} {
		if d, phrase, ok := NamedTime(text, from); ok {
			return onWorkday(Suggestion{Day: notBefore(d, today), Why: fmt.Sprintf("%s — they mentioned “%s”", label, phrase)}, week), true
		}
	}
	days := mode.SuggestFollowUpDays(n.Kind)
	if days <= 0 {
		return Suggestion{}, false
	}
	return onWorkday(Suggestion{Day: notBefore(from.AddDays(days), today), Why: fmt.Sprintf("%s — about %s after the No", label, Span(days))}, week), true
}

// onWorkday moves s to the next workday of week, saying so.
func onWorkday(s Suggestion, week journal.Workweek) Suggestion {
	if d := week.NextWorkday(s.Day); d != s.Day {
		s.Why += fmt.Sprintf(" · moved to %s, your next workday", d.Weekday())
		s.Day = d
	}
	return s
}

func notBefore(d, today journal.Day) journal.Day {
	if d < today {
		return today
	}
	return d
}

// Span says a number of days the way people do: "2 days", "2 weeks", "3 months".
func Span(days int) string {
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case days >= 60 && days%30 == 0, days >= 85 && days <= 95:
		return plural((days+15)/30, "month")
	case days == 30, days == 31:
		return "a month"
	case days >= 7 && days%7 == 0:
		return plural(days/7, "week")
	}
	return plural(days, "day")
}

// NextCheckIn is the nurture cadence: after a follow-up is done and the No
// is still in play (open, following-up or maybe), when to check in next —
// two weeks for a warm maybe, a month otherwise, on a workday of week.
// Settled No's get none.
func NextCheckIn(n journal.No, today journal.Day, week journal.Workweek) (journal.Day, bool) {
	switch n.Outcome {
	case journal.OutcomeMaybe:
		return week.NextWorkday(today.AddDays(14)), true
	case journal.OutcomeOpen, journal.OutcomeFollowingUp, "":
		return week.NextWorkday(today.AddDays(30)), true
	}
	return "", false
}

// Done marks n's follow-up done. An open No becomes following-up (the
// change is kept in its history with now); it reports whether it did.
func Done(n *journal.No, now time.Time) (advanced bool) {
	n.FollowUpDone = true
	if n.Outcome == journal.OutcomeOpen || n.Outcome == "" {
		n.SetOutcome(journal.OutcomeFollowingUp, now)
		return true
	}
	return false
}

// Reschedule sets n's follow-up to d, not done.
func Reschedule(n *journal.No, d journal.Day) {
	n.FollowUp = d
	n.FollowUpDone = false
}

// SnoozeBase is the day a snooze counts from: the due date, or today when
// the follow-up is already late (snoozing an overdue one a day must not
// leave it overdue).
func SnoozeBase(due, today journal.Day) journal.Day {
	if due.IsZero() || due < today {
		return today
	}
	return due
}

// SetOutcome changes n's outcome (kept in its history with now). A yes or
// closed No needs no more follow-up, so an open follow-up is marked done.
// It returns the celebration line for a new yes ("" otherwise).
func SetOutcome(n *journal.No, o journal.Outcome, now time.Time, yesWord string) string {
	was := n.Outcome
	n.SetOutcome(o, now)
	if Settled(o) && !n.FollowUp.IsZero() {
		n.FollowUpDone = true
	}
	if o != journal.OutcomeYes || was == journal.OutcomeYes {
		return ""
	}
	return Celebrate(n.Date, journal.Today(now), yesWord)
}

// Celebrate is the short line for a No that turned into a yes on day yes.
func Celebrate(noDay, yes journal.Day, yesWord string) string {
	word := "yes"
	if w := strings.TrimSpace(yesWord); w != "" && !strings.EqualFold(w, "yes") {
		word = "yes — a " + w
	}
	days := max(0, noDay.DaysUntil(yes))
	switch days {
	case 0:
		return fmt.Sprintf("🎉 A %s! That No turned around the same day.", word)
	case 1:
		return fmt.Sprintf("🎉 A %s! That No turned around after 1 day.", word)
	}
	return fmt.Sprintf("🎉 A %s! That No turned around after %d days.", word, days)
}

// Earliest is the soonest follow-up not yet done among nos (settled No's
// left out): the one to prepare for before the next call.
func Earliest(nos []journal.No) (journal.No, bool) {
	var best journal.No
	found := false
	for _, n := range nos {
		if n.FollowUp.IsZero() || n.FollowUpDone || Settled(n.Outcome) {
			continue
		}
		if !found || n.FollowUp < best.FollowUp || (n.FollowUp == best.FollowUp && n.ID < best.ID) {
			best, found = n, true
		}
	}
	return best, found
}
