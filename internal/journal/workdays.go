package journal

import (
	"fmt"
	"slices"
	"strings"
)

// Weekdays are the day ids of a work week, Monday first, as settings, flags
// and JSON spell them (`"workdays": ["mon","tue"]`).
var Weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

var weekdayNames = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// Workweek is the days a person works on, one bit per day (Monday is bit
// 0). The zero value is every day: a journal from before workdays, or one
// that never chose, keeps all seven, so its streaks do not change.
type Workweek uint8

// Monday to Friday and every day, the two weeks the welcome offers.
const (
	WeekdaysOnly Workweek = 0b0011111
	EveryDay     Workweek = 0b1111111
)

// WorkweekOf reads day ids (Settings.Workdays); unknown ids are ignored and
// none at all is every day. Its weeks compare with ==: every day is always
// EveryDay, never the zero value.
func WorkweekOf(ids []string) Workweek {
	var w Workweek
	for _, id := range ids {
		if i := weekdayIndex(id); i >= 0 {
			w |= 1 << i
		}
	}
	return w.full()
}

// Workweek is the week the settings keep (every day when none is set).
func (s Settings) Workweek() Workweek { return WorkweekOf(s.Workdays) }

func weekdayIndex(id string) int {
	id = strings.ToLower(strings.TrimSpace(id))
	for i, d := range Weekdays {
		if id == d || (len(id) > 3 && strings.EqualFold(id, weekdayNames[i])) {
			return i
		}
	}
	return -1
}

// full is w with the zero value read as every day.
func (w Workweek) full() Workweek {
	if w&EveryDay == 0 {
		return EveryDay
	}
	return w & EveryDay
}

// Works reports whether d is one of w's days (every day for the zero value).
func (w Workweek) Works(d Day) bool {
	i := (int(d.Weekday()) + 6) % 7 // Monday = 0
	return w.full()&(1<<i) != 0
}

// Count is how many days a week w has (7 for the zero value).
func (w Workweek) Count() int {
	n := 0
	for f := w.full(); f != 0; f &= f - 1 {
		n++
	}
	return n
}

// IDs are w's day ids, Monday first (all seven for the zero value).
func (w Workweek) IDs() []string {
	f := w.full()
	out := make([]string, 0, 7)
	for i, id := range Weekdays {
		if f&(1<<i) != 0 {
			out = append(out, id)
		}
	}
	return out
}

// NextWorkday is d when it is a workday, else the first workday after it.
func (w Workweek) NextWorkday(d Day) Day {
	for range 7 {
		if w.Works(d) {
			return d
		}
		d = d.AddDays(1)
	}
	return d
}

// String says w in words: "every day", "Monday to Friday", "Monday,
// Wednesday and Friday".
func (w Workweek) String() string {
	f := w.full()
	if f == EveryDay {
		return "every day"
	}
	var idx []int
	for i := range 7 {
		if f&(1<<i) != 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) >= 3 && idx[len(idx)-1]-idx[0] == len(idx)-1 {
		return weekdayNames[idx[0]] + " to " + weekdayNames[idx[len(idx)-1]]
	}
	names := make([]string, len(idx))
	for i, d := range idx {
		names[i] = weekdayNames[d]
	}
	if len(names) == 1 {
		return names[0] + " only"
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// ParseWorkdays reads the days of `settings --workdays`: ids or names
// separated by commas or spaces ("mon,tue,wed", "Monday Friday"), ranges
// ("mon-fri"), or "weekdays" / "every day" / "all". It returns the ids in
// week order; a day named twice counts once.
func ParseWorkdays(s string) ([]string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "":
		return nil, invalid("name at least one workday, e.g. mon,tue,wed,thu,fri")
	case "weekdays", "workdays", "mon-fri":
		return WeekdaysOnly.IDs(), nil
	case "all", "every day", "everyday", "daily", "mon-sun":
		return EveryDay.IDs(), nil
	}
	var w Workweek
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		from, to, isRange := strings.Cut(part, "-")
		a, b := weekdayIndex(from), weekdayIndex(to)
		if !isRange {
			b = a
		}
		if a < 0 || b < 0 {
			return nil, invalid("%q is not a day of the week; use mon, tue, wed, thu, fri, sat or sun", part)
		}
		for i := a; ; i = (i + 1) % 7 { // a range may wrap: sat-mon
			w |= 1 << i
			if i == b {
				break
			}
		}
	}
	if w == 0 {
		return nil, invalid("name at least one workday, e.g. mon,tue,wed,thu,fri")
	}
	return w.IDs(), nil
}

// checkWorkdays is the settings' workdays as Validate sees them: known ids,
// each once, at least one.
func checkWorkdays(ids []string) error {
	if ids == nil {
		return nil
	}
	if len(ids) == 0 {
		return invalid("workdays is an empty list; name at least one day, or leave it out for every day")
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if !slices.Contains(Weekdays, id) {
			return invalid("workdays: %q is not a day id; use mon, tue, wed, thu, fri, sat or sun", id)
		}
		if seen[id] {
			return invalid("workdays names %s twice", id)
		}
		seen[id] = true
	}
	return nil
}

// DefaultWorkdays is the week the welcome preselects for a mode: Monday to
// Friday where No's come with work (sales, job, school), every day in
// personal life.
func DefaultWorkdays(mode string) []string {
	if mode == "personal" {
		return EveryDay.IDs()
	}
	return WeekdaysOnly.IDs()
}

// WorkdaysChanged is what to tell someone whose workdays changed: streaks
// are computed from the days, not stored, so every past streak is recounted.
func WorkdaysChanged(w Workweek) string {
	return fmt.Sprintf("Workdays are now %s; past streaks are recounted with them (days outside never break a streak).", w)
}
