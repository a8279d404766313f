package journal

import (
	"fmt"
	"time"
)

// Day is a calendar day, "YYYY-MM-DD", in the user's local time zone.
// Strings of this form sort chronologically, so they double as index keys.
// Arithmetic goes through UTC midnight so DST changes never shift a day.
type Day string

const dayLayout = "2006-01-02"

// DayOf is the calendar day of t in t's own location.
func DayOf(t time.Time) Day { return Day(t.Format(dayLayout)) }

// Today is the current day in the local time zone (TZ).
func Today(now time.Time) Day { return DayOf(now.In(time.Local)) }

// ParseDay reads "YYYY-MM-DD".
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(dayLayout, s)
	if err != nil {
		return "", fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return DayOf(t), nil
}

// Valid reports whether d is a well-formed day.
func (d Day) Valid() bool { _, err := time.Parse(dayLayout, string(d)); return err == nil }

// IsZero reports an unset day.
func (d Day) IsZero() bool { return d == "" }

// utc is d at UTC midnight (zero time when d is malformed).
func (d Day) utc() time.Time { t, _ := time.Parse(dayLayout, string(d)); return t }

// AddDays moves d by n calendar days.
func (d Day) AddDays(n int) Day { return DayOf(d.utc().AddDate(0, 0, n)) }

// DaysUntil is the number of calendar days from d to e (negative when e is before d).
func (d Day) DaysUntil(e Day) int {
	return int(e.utc().Sub(d.utc()).Hours() / 24)
}

// Weekday of d.
func (d Day) Weekday() time.Weekday { return d.utc().Weekday() }

// WeekStart is the Monday on or before d (weeks run Monday to Sunday).
func (d Day) WeekStart() Day {
	wd := (int(d.Weekday()) + 6) % 7 // Monday = 0
	return d.AddDays(-wd)
}

// Time is midnight of d in loc.
func (d Day) Time(loc *time.Location) time.Time {
	u := d.utc()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, loc)
}

// Before reports d < e.
func (d Day) Before(e Day) bool { return d < e }

// String is the ISO form.
func (d Day) String() string { return string(d) }
