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

	reIn = lazyRE(`\b(?:in|after|within)\s+(?:about\s+|around\s+)?(\d{1,3}|a|an|one|two|three|four|five|six|a few|a couple of)\s+(day|week|month|year)s?\b`)
	// "the end of the year", "after this month": the period they are in.
	reThis = lazyRE(`\b(?:end of|after)\s+(?:the|this)\s+(?:calendar\s+)?(week|month|quarter|year)\b`)
	// "next fiscal year", "the new fiscal year", "next FY": its start, taken
	// as the calendar year's (the suggestion says the phrase, so a user
	// whose year starts in April moves it).
	reFiscal  = lazyRE(`\b(?:next|new|coming)\s+(?:fiscal(?:\s+year)?|financial\s+year|fy)\b`)
	reNext    = lazyRE(`\bnext\s+(week|month|quarter|year|spring|summer|fall|autumn|winter)\b`)
	reQuarter = lazyRE(`\bq([1-4])\b`)
	reMonth   = lazyRE(`\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b`)
	// "may" is also a verb: only a month after a word that introduces a time.
	reMay      = lazyRE(`\b(?:in|after|until|till|by|from|around|early|mid|late|end of|before|past)\s+may\b`)
	reSeason   = lazyRE(`\b(?:the\s+)?(spring|summer|fall|autumn|winter)\b`)
	reNewYear  = lazyRE(`\bnew year\b`)
	reHolidays = lazyRE(`\b(?:after|past|following|once)\s+(?:the\s+)?(?:summer\s+)?holidays\b`)
	// afterEnd says the period named next is over by then: "after Q2",
	// "end of March", "once the summer is over" reads as "after the summer".
	afterEnd = lazyRE(`\b(?:after|past|beyond|following|once|end of|ends? of)\s+(?:the\s+)?(?:end of\s+(?:the\s+)?)?$`)
)

// lazyRE compiles a regular expression on first use, not at every start
// of every command.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

var counts = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "a few": 3, "a couple of": 2}

// NamedTime finds a time named in free text and returns the day it points
// to, counted from the day it was said, and the phrase found. A period
// named on its own points to its start ("in Q3", "next month", "in March",
// "in the spring", "in the new year"), so the follow-up lands as the
// window opens; a period they said they are waiting out points to the day
// after its end ("maybe after Q2" → July 1, "after March" → April 1, "the
// end of the year" → January 1, "after the summer" → the fall), never to
// its start, months early. A span ("in a few weeks", "after 2 months")
// counts from the day said. "next fiscal year" is taken as the calendar
// year's start, and "after the holidays" as the first Monday after New
// Year's Day (September to January) or September 1 (the summer holidays,
// June to August). Text without a time it can read gives ok false — the
// caller then falls back to the kind's default.
func NamedTime(text string, said journal.Day) (journal.Day, string, bool) {
	orig := strings.Join(strings.Fields(text), " ")
	s := strings.ToLower(orig)
	if s == "" || !said.Valid() {
		return "", "", false
	}
	// quote is the phrase as they wrote it ("after Q2"), when lowering
	// kept every byte in place.
	quote := func(i, j int) string {
		if len(orig) == len(s) {
			return orig[i:j]
		}
		return s[i:j]
	}
	base := said.Time(time.UTC)
	first := func(y int, m time.Month) journal.Day {
		// time.Date normalises month 13 into January of the next year.
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
	quarterOf := func(t time.Time) int { return (int(t.Month())-1)/3 + 1 }
	// after reports whether the match at [i, j] is a period they wait out,
	// and the phrase to quote (with the words that say so).
	after := func(loc []int) (bool, string) {
		if m := afterEnd().FindStringIndex(s[:loc[0]]); m != nil {
			return true, quote(m[0], loc[1])
		}
		return false, quote(loc[0], loc[1])
	}

	if loc := reIn().FindStringSubmatchIndex(s); loc != nil {
		num, unit := s[loc[2]:loc[3]], s[loc[4]:loc[5]]
		n, ok := counts[num]
		if !ok {
			n, _ = strconv.Atoi(num)
		}
		if n > 0 {
			var t time.Time
			switch unit {
			case "day":
				t = base.AddDate(0, 0, n)
			case "week":
				t = base.AddDate(0, 0, 7*n)
			case "month":
				t = base.AddDate(0, n, 0)
			case "year":
				t = base.AddDate(n, 0, 0)
			}
			return journal.DayOf(t), quote(loc[0], loc[1]), true
		}
	}
	if loc := reThis().FindStringSubmatchIndex(s); loc != nil {
		phrase := quote(loc[0], loc[1])
		switch s[loc[2]:loc[3]] {
		case "week":
			return said.WeekStart().AddDays(7), phrase, true
		case "month":
			return first(base.Year(), base.Month()+1), phrase, true
		case "quarter":
			return first(base.Year(), time.Month(quarterOf(base)*3+1)), phrase, true
		default:
			return first(base.Year()+1, time.January), phrase, true
		}
	}
	if loc := reFiscal().FindStringIndex(s); loc != nil {
		return first(base.Year()+1, time.January), quote(loc[0], loc[1]), true
	}
	if loc := reHolidays().FindStringIndex(s); loc != nil {
		if d, ok := afterHolidays(base); ok {
			return d, quote(loc[0], loc[1]), true
		}
	}
	if loc := reNext().FindStringSubmatchIndex(s); loc != nil {
		past, phrase := after(loc)
		n := 0
		if past {
			n = 1 // "after next month": the month after that one
		}
		switch s[loc[2]:loc[3]] {
		case "week":
			return said.WeekStart().AddDays(7 * (1 + n)), phrase, true
		case "month":
			return first(base.Year(), base.Month()+time.Month(1+n)), phrase, true
		case "quarter":
			return first(base.Year(), time.Month((quarterOf(base)+n)*3+1)), phrase, true
		case "year":
			return first(base.Year()+1+n, time.January), phrase, true
		default:
			start := nextMonth(seasonStart[s[loc[2]:loc[3]]])
			if past {
				start = addMonths(start, 3)
			}
			return start, phrase, true
		}
	}
	if loc := reQuarter().FindStringSubmatchIndex(s); loc != nil {
		q, _ := strconv.Atoi(s[loc[2]:loc[3]])
		past, phrase := after(loc)
		y := base.Year()
		if past {
			// The day after the quarter ends: the next time it ends from now.
			if q < quarterOf(base) {
				y++
			}
			return first(y, time.Month(q*3+1)), phrase, true
		}
		if q <= quarterOf(base) {
			y++
		}
		return first(y, time.Month((q-1)*3+1)), phrase, true
	}
	if loc := reNewYear().FindStringIndex(s); loc != nil {
		return first(base.Year()+1, time.January), quote(loc[0], loc[1]), true
	}
	if loc := reMay().FindStringIndex(s); loc != nil {
		phrase := quote(loc[0], loc[1])
		if afterEnd().MatchString(s[loc[0] : loc[1]-len("may")]) {
			return monthAfter(base, time.May), phrase, true
		}
		return nextMonth(time.May), phrase, true
	}
	for _, loc := range reMonth().FindAllStringIndex(s, -1) {
		m := s[loc[0]:loc[1]]
		for i, name := range monthNames {
			if name != "may" && strings.HasPrefix(name, m) {
				if past, phrase := after(loc); past {
					return monthAfter(base, time.Month(i+1)), phrase, true
				}
				return nextMonth(time.Month(i + 1)), quote(loc[0], loc[1]), true
			}
		}
	}
	if loc := reSeason().FindStringSubmatchIndex(s); loc != nil {
		start := nextMonth(seasonStart[s[loc[2]:loc[3]]])
		past, phrase := after(loc)
		if past {
			// The season after it: three months on, unless this season
			// is the one they are in (its next start is a year away).
			start = addMonths(start, 3)
			if cur := addMonths(start, -12); cur > said {
				start = cur
			}
		}
		return start, phrase, true
	}
	return "", "", false
}

// addMonths moves the first day of a month by n months.
func addMonths(d journal.Day, n int) journal.Day {
	return journal.DayOf(d.Time(time.UTC).AddDate(0, n, 0))
}

// monthAfter is the first day after the next end of month m: "after
// March" said in November is April 1; said in March, April 1 this year.
func monthAfter(base time.Time, m time.Month) journal.Day {
	y := base.Year()
	if m < base.Month() {
		y++
	}
	return journal.DayOf(time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC))
}

// afterHolidays is when "after the holidays" ends: from September to
// January the year-end holidays (the first Monday on or after January 2,
// the first full working week), in June to August the summer holidays
// (September 1). February to May names no holidays it can place.
func afterHolidays(base time.Time) (journal.Day, bool) {
	switch m := base.Month(); {
	case m >= time.June && m <= time.August:
		return journal.DayOf(time.Date(base.Year(), time.September, 1, 0, 0, 0, 0, time.UTC)), true
	case m >= time.September || m == time.January:
		y := base.Year()
		if m >= time.September {
			y++
		}
		d := time.Date(y, time.January, 2, 0, 0, 0, 0, time.UTC)
		for d.Weekday() != time.Monday {
			d = d.AddDate(0, 0, 1)
		}
		if !d.After(base) {
			return "", false // said after that Monday: the holidays are over
		}
		return journal.DayOf(d), true
	}
	return "", false
}
