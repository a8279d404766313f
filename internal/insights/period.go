package insights

import (
	"fmt"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Period is the span insights look at: the last Days days up to today, or
// everything when Days is 0.
type Period struct {
	Name string
	Days int
	// Span says a period chosen by its days (--from/--to: "2026-10-01 to
	// 2026-10-31"), which ends on the day given as today.
	Span string
}

// Periods are the choices offered by --period and the insights screen.
var Periods = []Period{{Name: "7d", Days: 7}, {Name: "30d", Days: 30}, {Name: "90d", Days: 90}, {Name: "all"}}

// DefaultPeriod suits a weekly review that still has enough No's to show patterns.
var DefaultPeriod = Periods[1]

// ParsePeriod reads a period name ("7d", "30d", "90d", "all").
func ParsePeriod(s string) (Period, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for _, p := range Periods {
		if p.Name == name {
			return p, nil
		}
	}
	return Period{}, journal.Invalid("unknown period %q; choose one of: 7d, 30d, 90d, all", s)
}

// String is the period's name.
func (p Period) String() string { return p.Name }

// Label says the period in words ("last 30 days", "all time").
func (p Period) Label() string {
	if p.Span != "" {
		return p.Span
	}
	if p.Days == 0 {
		return "all time"
	}
	return fmt.Sprintf("last %d days", p.Days)
}

// Range is the inclusive span of the period ending today; "all" starts at "".
func (p Period) Range(today journal.Day) (from, to journal.Day) {
	if p.Days <= 0 {
		return "", today
	}
	return today.AddDays(-(p.Days - 1)), today
}

// Previous is the span of the same length just before Range; "all" has none
// (both days empty).
func (p Period) Previous(today journal.Day) (from, to journal.Day) {
	if p.Days <= 0 {
		return "", ""
	}
	start, _ := p.Range(today)
	return start.AddDays(-p.Days), start.AddDays(-1)
}

// Between is the period from..to (inclusive; from "" is everything up to
// to), for a report computed with to as its today.
func Between(from, to journal.Day) Period {
	if from == "" {
		return Period{Name: "all", Span: "up to " + string(to)}
	}
	return Period{Name: string(from) + ".." + string(to), Days: from.DaysUntil(to) + 1, Span: string(from) + " to " + string(to)}
}
