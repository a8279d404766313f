package whenen

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/olebedev/when/rules"
)

// ErrOutOfRange reports a count so large that no calendar day can be
// named by it. when v1.1.0 let the arithmetic wrap around instead:
// "in 1000000 weeks" overflowed time.Duration and became 1901.
var ErrOutOfRange = errors.New("the date is out of range")

// maxMonths bounds counts of months and years so that the span fits a
// time.Duration (at most 292 years); any date that far away is outside
// every range a caller accepts.
const maxMonths = 12 * 290

// count reads the digits of a count; one too large for an int is out
// of range, not unreadable.
func count(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if errors.Is(err, strconv.ErrRange) {
		return 0, ErrOutOfRange
	}
	return n, err
}

// span is n units of time, or ErrOutOfRange where n*unit would overflow.
func span(n int, unit time.Duration) (time.Duration, error) {
	if n < 0 || int64(n) > math.MaxInt64/int64(unit) {
		return 0, ErrOutOfRange
	}
	return time.Duration(n) * unit, nil
}

// relative applies "<count> <unit>" counted forward (sign 1, "in 3 weeks")
// or back (sign -1, "3 weeks ago") from ref: the arithmetic of when's
// Deadline and PastTime rules, checked for overflow, with months and
// years counted on the calendar.
func relative(c *rules.Context, ref time.Time, numStr, unit string, sign int, overwrite bool) (bool, error) {
	if c.Duration != 0 && !overwrite {
		return true, nil
	}
	if strings.Contains(numStr, "half") {
		var d time.Duration
		switch {
		case strings.Contains(unit, "hour"):
			d = 30 * time.Minute
		case strings.Contains(unit, "day"):
			d = 12 * time.Hour
		case strings.Contains(unit, "week"):
			d = 7 * 12 * time.Hour
		case strings.Contains(unit, "month"):
			d = 14 * 24 * time.Hour // two weeks, as when has it
		case strings.Contains(unit, "year"):
			return calendar(c, ref, sign*6)
		default:
			return true, nil // half a second or minute: when sets nothing
		}
		c.Duration = time.Duration(sign) * d
		return true, nil
	}
	var n int
	switch {
	case INTEGER_WORDS[numStr] != 0:
		n = INTEGER_WORDS[numStr]
	case numStr == "a" || numStr == "an":
		n = 1
	case strings.Contains(numStr, "few"):
		n = 3
	default:
		var err error
		if n, err = count(numStr); err != nil {
			return false, err
		}
	}
	var u time.Duration
	switch {
	case strings.Contains(unit, "second"):
		u = time.Second
	case strings.Contains(unit, "min"):
		u = time.Minute
	case strings.Contains(unit, "hour"):
		u = time.Hour
	case strings.Contains(unit, "day"):
		u = 24 * time.Hour
	case strings.Contains(unit, "week"):
		u = 7 * 24 * time.Hour
	case strings.Contains(unit, "month"):
		if n > maxMonths {
			return false, ErrOutOfRange
		}
		return calendar(c, ref, sign*n)
	case strings.Contains(unit, "year"):
		if n > maxMonths/12 {
			return false, ErrOutOfRange
		}
		return calendar(c, ref, sign*12*n)
	}
	d, err := span(n, u)
	if err != nil {
		return false, err
	}
	c.Duration = time.Duration(sign) * d
	return true, nil
}

// calendar sets c to n months after ref (n may be negative), as
// time.AddDate counts them. when set the month alone, modulo 12, and kept
// the year: "in 2 months" said in November landed in January of the same
// year, and "within 14 months" before today.
func calendar(c *rules.Context, ref time.Time, n int) (bool, error) {
	if n > maxMonths || n < -maxMonths {
		return false, ErrOutOfRange
	}
	c.Duration = ref.AddDate(0, n, 0).Sub(ref)
	return true, nil
}
