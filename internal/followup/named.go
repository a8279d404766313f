package followup

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

var (
	monthNames = []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"}
	seasonStart = map[string]time.Month{"spring": time.March, "summer": time.June,
		"fall": time.September, "autumn": time.September, "winter": time.December}

	reIn      = lazyRE(`\b(?:in|after|within)\s+(?:about\s+|around\s+)?(\d{1,3}|a|an|one|two|three|four|five|six|a few|a couple of)\s+(day|week|month|year)s?\b`)
	reNext    = lazyRE(`\bnext\s+(week|month|quarter|year|spring|summer|fall|autumn|winter)\b`)
	reQuarter = lazyRE(`\bq([1-4])\b`)
	reMonth   = lazyRE(`\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b`)
	// "may" is also a verb: only a month after a word that introduces a time.
	reMay     = lazyRE(`\b(?:in|after|until|till|by|from|around|early|mid|late|end of|before)\s+may\b`)
	reSeason  = lazyRE(`\b(?:the\s+)?(spring|summer|fall|autumn|winter)\b`)
	reNewYear = lazyRE(`\b(new year|after the holidays)\b`)
)

// lazyRE compiles a regular expression on first use, not at every start
// of every command.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

var counts = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "a few": 3, "a couple of": 2}

// NamedTime finds a time named in free text ("next quarter", "in 2 months",
// "after March", "Q3", "in the spring", "new year") and returns the day
// it points to, counted from the day it was said (around the start of a
// named period, so the follow-up lands as the window opens), and the
// phrase found. Text without a time it can read gives ok false — the
// caller then falls back to the kind's default.
func NamedTime(text string, said journal.Day) (journal.Day, string, bool) {
	s := strings.ToLower(strings.Join(strings.Fields(text), " "))
	if s == "" || !said.Valid() {
		return "", "", false
	}
	base := said.Time(time.UTC)
	first := func(y int, m time.Month) journal.Day {
		return journal.DayOf(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC))
	}
	// next start of month m strictly after the month of base.
	nextMonth := func(m time.Month) journal.Day {
		y := base.Year()
		if m <= base.Month() {
			y++
		}
		return first(y, m)
	}
	if m := reIn().FindStringSubmatch(s); m != nil {
		n, ok := counts[m[1]]
		if !ok {
			n, _ = strconv.Atoi(m[1])
		}
		if n > 0 {
			var t time.Time
			switch m[2] {
			case "day":
				t = base.AddDate(0, 0, n)
			case "week":
				t = base.AddDate(0, 0, 7*n)
			case "month":
				t = base.AddDate(0, n, 0)
			case "year":
				t = base.AddDate(n, 0, 0)
			}
			return journal.DayOf(t), m[0], true
		}
	}
	if m := reNext().FindStringSubmatch(s); m != nil {
		switch m[1] {
		case "week":
			return said.WeekStart().AddDays(7), m[0], true
		case "month":
			return first(base.Year(), base.Month()+1), m[0], true
		case "quarter":
			q := (int(base.Month())-1)/3 + 1
			return first(base.Year(), time.Month(q*3+1)), m[0], true
		case "year":
			return first(base.Year()+1, time.January), m[0], true
		default:
			return nextMonth(seasonStart[m[1]]), m[0], true
		}
	}
	if m := reQuarter().FindStringSubmatch(s); m != nil {
		q, _ := strconv.Atoi(m[1])
		start := time.Month((q-1)*3 + 1)
		cur := (int(base.Month())-1)/3 + 1
		y := base.Year()
		if q <= cur {
			y++
		}
		return first(y, start), m[0], true
	}
	if m := reNewYear().FindStringSubmatch(s); m != nil {
		return first(base.Year()+1, time.January), m[0], true
	}
	if m := reMay().FindString(s); m != "" {
		return nextMonth(time.May), m, true
	}
	for _, m := range reMonth().FindAllString(s, -1) {
		for i, name := range monthNames {
			if name != "may" && strings.HasPrefix(name, m) {
				return nextMonth(time.Month(i + 1)), m, true
			}
		}
	}
	if m := reSeason().FindStringSubmatch(s); m != nil {
		return nextMonth(seasonStart[m[1]]), m[0], true
	}
	return "", "", false
}
