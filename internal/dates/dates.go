// Package dates reads the dates people type — "today", "in 2 weeks",
// "next tuesday", "3 days ago", 2026-12-01 — as calendar days in the local
// time zone. Natural language goes through github.com/olebedev/when.
package dates

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/olebedev/when/rules"

	"github.com/rebound-coach/rebound/internal/dates/whenen"
	"github.com/rebound-coach/rebound/internal/journal"
)

var (
	rulesOnce sync.Once
	ruleSet   []rules.Rule
	options   = &rules.Options{Distance: 5, MatchByOrder: true} // when's defaults
)

// natural runs when's English and common rules the way when.Parser does.
// We drive the rules ourselves because importing the when package itself
// links (and compiles the regexps of) every language it ships — Russian,
// Portuguese, Dutch — which cost ~1.5 ms at every start of every command;
// and the English rules are a copy (package whenen) that compiles its
// regexps on first use, not at every start. The error is errUnread, or
// whenen.ErrOutOfRange for a count too large for any date (left and
// matched then still say what it was read from).
func natural(text string, base time.Time) (left int, matched string, t time.Time, err error) {
	rulesOnce.Do(func() { ruleSet = whenen.All() })
	var matches []*rules.Match
	for i, r := range ruleSet {
		if m := r.Find(text); m != nil {
			m.Order = float64(i)
			matches = append(matches, m)
		}
	}
	if len(matches) == 0 {
		return 0, "", t, errUnread
	}
	sort.Sort(rules.MatchByIndex(matches))
	left, end := matches[0].Left, matches[0].Right
	for i, m := range matches {
		if m.Left > end+options.Distance {
			matches = matches[:i]
			break
		}
		end = m.Right
	}
	sort.Sort(rules.MatchByOrder(matches))
	ctx := &rules.Context{Text: text[left:end]}
	applied := false
	for _, m := range matches {
		okm, err := m.Apply(ctx, options, base)
		if errors.Is(err, whenen.ErrOutOfRange) {
			return left, text[left:end], t, err
		}
		if err != nil {
			return 0, "", t, errUnread
		}
		applied = applied || okm
	}
	if !applied {
		return 0, "", t, errUnread
	}
	t, err = ctx.Time(base)
	if err != nil {
		return 0, "", t, errUnread
	}
	return left, text[left:end], t, nil
}

// errUnread is natural's "nothing here reads as a date".
var errUnread = errors.New("no date found")

// slashed dates (12/01) mean different days in different countries.
var slashed = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+[/.]\d+`) })

// Hint lists accepted forms, for error messages and placeholders.
const Hint = `2026-12-01, today, yesterday, tomorrow, "in 2 weeks", "next tuesday", "3 days ago"`

// FutureHint is Hint for a date ahead (a follow-up): no past forms offered.
const FutureHint = `2026-12-01, tomorrow, "in 2 weeks", "next tuesday"`

// Parse reads s relative to now (whose location is the user's zone).
// The whole input must be understood: "tuesday-ish" is refused, not guessed.
func Parse(s string, now time.Time) (journal.Day, error) {
	in := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if in == "" {
		return "", fmt.Errorf("the date is empty; try %s", Hint)
	}
	if d, err := journal.ParseDay(in); err == nil {
		return checkRange(s, d)
	}
	if slashed().MatchString(in) {
		return "", fmt.Errorf("%q could be read two ways; write it as YYYY-MM-DD", s)
	}
	// Work from noon of today: only the day matters, and noon is never
	// skipped or doubled by a DST change (when adds days as 24 h).
	today := journal.DayOf(now)
	noon := today.Time(now.Location()).Add(12 * time.Hour)
	if d, ok := simple(in, today); ok {
		return checkRange(s, d)
	}
	left, matched, t, err := natural(in, noon)
	if errors.Is(err, errUnread) || left != 0 || strings.TrimSpace(matched) != in {
		return "", fmt.Errorf("can't read the date %q; try %s", s, Hint)
	}
	if err != nil { // read, but too far away for any calendar
		return "", outOfRange(s)
	}
	return checkRange(s, journal.DayOf(t.In(now.Location())))
}

// simple reads the commonest forms — today, tomorrow, yesterday, "in N
// days/weeks", "N days/weeks ago" — directly, as when reads them (the tests
// compare the two), so a command that is given one does not build when's
// rules.
func simple(in string, today journal.Day) (journal.Day, bool) {
	switch in {
	case "today":
		return today, true
	case "tomorrow":
		return today.AddDays(1), true
	case "yesterday":
		return today.AddDays(-1), true
	}
	f := strings.Fields(in)
	var num, unit string
	sign := 1
	switch {
	case len(f) == 3 && f[0] == "in":
		num, unit = f[1], f[2]
	case len(f) == 3 && f[2] == "ago":
		num, unit, sign = f[0], f[1], -1
	default:
		return "", false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > 400 || num[0] == '0' || num[0] == '+' {
		return "", false
	}
	switch unit {
	case "day", "days":
	case "week", "weeks":
		n *= 7
	default:
		return "", false
	}
	return today.AddDays(sign * n), true
}

// checkRange refuses days outside years 1900-2200: typos, not plans.
func checkRange(s string, d journal.Day) (journal.Day, error) {
	if !d.Valid() || d < "1900-01-01" || d > "2200-12-31" {
		return "", outOfRange(s)
	}
	return d, nil
}

func outOfRange(s string) error {
	return fmt.Errorf("the date %q is out of range; try %s", s, Hint)
}
