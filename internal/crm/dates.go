package crm

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/journal"
)

// Date orders of slash dates (11/20/2026 or 20/11/2026).
const (
	OrderMDY = "mdy"
	OrderDMY = "dmy"
)

// numeric matches the day part of the dates exporters write: 2026-11-20,
// 11/20/2026, 20.11.2026, 11/20/26, each maybe followed by a time.
var numeric = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{1,4})([-/.])(\d{1,2})([-/.])(\d{1,4})(?:[ T,].*)?$`)
})

// dateParts is a date as the file writes it.
type dateParts struct {
	a, b, c int    // the three numbers, in the file's order
	sep     string // "-", "/" or "."
	ymd     bool   // the first number is the year
}

func splitDate(s string) (dateParts, bool) {
	m := numeric().FindStringSubmatch(s)
	if m == nil || m[2] != m[4] {
		return dateParts{}, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[3])
	c, _ := strconv.Atoi(m[5])
	p := dateParts{a: a, b: b, c: c, sep: m[2], ymd: len(m[1]) == 4}
	if !p.ymd && len(m[5]) != 4 && len(m[5]) != 2 {
		return dateParts{}, false
	}
	if p.ymd && len(m[5]) > 2 {
		return dateParts{}, false
	}
	return p, true
}

// slashOrder says what one value tells of its column's order: "mdy" when
// its second number cannot be a month, "dmy" when its first cannot, ""
// when either reading works.
func slashOrder(s string) string {
	p, ok := splitDate(strings.TrimSpace(s))
	if !ok || p.ymd || p.sep == "." {
		return ""
	}
	switch {
	case p.a > 12 && p.b <= 12:
		return OrderDMY
	case p.b > 12 && p.a <= 12:
		return OrderMDY
	}
	return ""
}

// ambiguous reports a slash date whose two readings are different days.
func ambiguous(s string) bool {
	p, ok := splitDate(strings.TrimSpace(s))
	return ok && !p.ymd && p.sep != "." && p.a <= 12 && p.b <= 12 && p.a != p.b
}

// textLayouts are the other forms exporters write (month names; a time
// after the day is cut first).
var textLayouts = []string{"Jan 2, 2006", "January 2, 2006", "2 Jan 2006", "2 January 2006", "Jan 2 2006",
	"2-Jan-2006", "02-Jan-2006", "2-Jan-06", "Mon, Jan 2, 2006", "Monday, January 2, 2006"}

// parseDate reads an exporter's date. order is the column's order for
// slash dates ("mdy" or "dmy"); dotted dates (20.11.2026) are day first,
// as the countries that write them have it.
func parseDate(s, order string) (journal.Day, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", fmt.Errorf("the lost row has no date; every No needs one")
	}
	if p, ok := splitDate(s); ok {
		y, m, d := p.a, p.b, p.c
		switch {
		case p.ymd:
		case p.sep == "." || order == OrderDMY:
			y, m, d = p.c, p.b, p.a
		case order == OrderMDY:
			y, m, d = p.c, p.a, p.b
		default:
			return "", fmt.Errorf("%q could be month first or day first; say which with --date-order mdy or --date-order dmy", s)
		}
		if y < 100 {
			y += 2000 // 11/20/26: exporters write two-digit years for this century
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if m < 1 || m > 12 || d < 1 || t.Day() != d {
			if !p.ymd && p.sep != "." {
				return "", fmt.Errorf("%q is not a day when read %s", s, orderWords(order))
			}
			return "", fmt.Errorf("%q is not a day", s)
		}
		return inRange(s, journal.DayOf(t))
	}
	// 2026-11-20T15:04:05Z and the like: the day as written.
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return inRange(s, journal.Day(t.Format("2006-01-02")))
	}
	day := s
	// "Nov 20, 2026 4:05 PM": cut what follows the year.
	if m := yearRe().FindStringIndex(day); m != nil {
		day = day[:m[1]]
	}
	for _, l := range textLayouts {
		if t, err := time.Parse(l, day); err == nil {
			return inRange(s, journal.DayOf(t))
		}
	}
	// The natural dates the rest of Rebound reads, for the forms above
	// do not cover ("20 november 2026"); only with a year, since a file
	// is not read relative to today.
	if yearRe().MatchString(s) {
		if d, err := dates.Parse(s, time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("can't read the date %q; exporters' forms are read (2026-11-20, 11/20/2026, 20.11.2026, Nov 20, 2026)", s)
}

// yearRe finds a four-digit year.
var yearRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b\d{4}\b`) })

func inRange(s string, d journal.Day) (journal.Day, error) {
	if !d.InRange() {
		return "", fmt.Errorf("the date %q is out of range (1900-2200)", s)
	}
	return d, nil
}

func orderWords(order string) string {
	if order == OrderDMY {
		return "day first"
	}
	return "month first"
}
