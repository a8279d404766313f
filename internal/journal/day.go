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
func (d Day) Valid() bool {
	if _, ok := d.dayOfMonth(); ok {
		return true // days 1-28 of a month: no calendar needed (most days; an import checks a million)
	}
	_, err := time.Parse(dayLayout, string(d))
	return err == nil
}

// IsZero reports an unset day.
func (d Day) IsZero() bool { return d == "" }

// utc is d at UTC midnight (zero time when d is malformed).
func (d Day) utc() time.Time { t, _ := time.Parse(dayLayout, string(d)); return t }

// AddDays moves d by n calendar days.
func (d Day) AddDays(n int) Day {
	// A move that stays within days 1-28 of a well-formed month (streaks
	// and calendars step a day at a time) needs no calendar.
	if dd, ok := d.dayOfMonth(); ok && dd+n >= 1 && dd+n <= 28 && n > -28 && n < 28 {
		dd += n
		return d[:8] + Day([]byte{byte('0' + dd/10), byte('0' + dd%10)})
	}
	return DayOf(d.utc().AddDate(0, 0, n))
}

// dayOfMonth is d's day when d is "YYYY-MM-DD" with a month of 01-12 and a
// day of 01-28 (valid in every month); ok is false otherwise.
func (d Day) dayOfMonth() (int, bool) {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return 0, false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if d[i] < '0' || d[i] > '9' {
			return 0, false
		}
	}
	m := int(d[5]-'0')*10 + int(d[6]-'0')
	dd := int(d[8]-'0')*10 + int(d[9]-'0')
	if m < 1 || m > 12 || dd < 1 || dd > 28 {
		return 0, false
	}
	return dd, true
}

// DaysUntil is the number of calendar days from d to e (negative when e is before d).
func (d Day) DaysUntil(e Day) int {
	if a, ok := d.civil(); ok {
		// (Beyond 292 years time.Duration saturates; keep its answer there.)
		if b, ok := e.civil(); ok && b-a < 106751 && a-b < 106751 {
			return b - a
		}
	}
	return int(e.utc().Sub(d.utc()).Hours() / 24)
}

// civil is a well-formed d as days since 1970-01-01 (H. Hinnant's
// algorithm), without parsing it as a time; ok is false when d is not a
// valid "YYYY-MM-DD".
func (d Day) civil() (int, bool) {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return 0, false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if d[i] < '0' || d[i] > '9' {
			return 0, false
		}
	}
	y := int(d[0]-'0')*1000 + int(d[1]-'0')*100 + int(d[2]-'0')*10 + int(d[3]-'0')
	m := int(d[5]-'0')*10 + int(d[6]-'0')
	dd := int(d[8]-'0')*10 + int(d[9]-'0')
	if m < 1 || m > 12 || dd < 1 || dd > daysIn(y, m) {
		return 0, false
	}
	if m <= 2 {
		y--
	}
	era := y / 400 // y >= -1: no negative eras to round
	if y < 0 {
		era = -1
	}
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + dd - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
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
