package followupsview

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/words"
)

// Levels of a row's first line, each shorter than the one before: the
// No's age shortened ("No 42d ago"), then the due date dropped, then the
// age, then the outcome. When it is due (how late, today, in how many
// days) is never dropped.
const (
	levelFull = iota
	levelShortAge
	levelNoDate
	levelNoAge
	levelBare
)

// head is a row's first line, unstyled, for w columns less the two of
// the cursor mark: the name and when the follow-up is due, never cut,
// and as much of the rest as fits. A name too long to share the line
// with them gets a line of its own (cut only when wider than the line),
// and the rest goes under it.
func (m *Model) head(r row, today journal.Day, w int) []string {
	avail := max(1, w-2)
	whoW := min(24, max(10, w/4))
	name := textsafe.Inline(r.no.Who)
	if nw := ansi.StringWidth(name); nw < whoW {
		name += strings.Repeat(" ", whoW-nw)
	}
	for l := levelFull; l <= levelBare; l++ {
		if line := name + "  " + rowRest(r, today, l); ansi.StringWidth(line) <= avail {
			return []string{line}
		}
	}
	// Under the name, aligned with the other rows' dates when that fits.
	lines := []string{cut(strings.TrimRight(name, " "), avail)}
	for _, ind := range []string{strings.Repeat(" ", whoW+2), "  "} {
		for l := levelFull; l <= levelBare; l++ {
			if rest := ind + rowRest(r, today, l); ansi.StringWidth(rest) <= avail {
				return append(lines, rest)
			}
		}
	}
	return append(lines, cut("  "+rowRest(r, today, levelBare), avail))
}

// rowRest is what follows the name on a row's first line, at a level.
func rowRest(r row, today journal.Day, level int) string {
	var ps []string
	switch r.sec {
	case secOverdue:
		ps = append(ps, words.Count(r.item.DaysLate, "day", "days")+" late")
		if level < levelNoDate {
			ps = append(ps, "was due "+weekday(r.item.Due))
		}
	case secToday:
		ps = append(ps, "due today")
	case secUpcoming:
		if level < levelNoDate {
			ps = append(ps, weekday(r.item.Due))
		}
		ps = append(ps, "in "+words.Count(r.item.DaysUntil, "day", "days"))
	case secSuggested:
		ps = append(ps, "suggest "+weekday(r.sug.Day))
	}
	if level < levelNoAge {
		// "No from today", not "No today", which read as "nothing today".
		switch since := max(0, r.no.Date.DaysUntil(today)); {
		case since == 0:
			ps = append(ps, "No from today")
		case level < levelShortAge:
			ps = append(ps, "No "+words.Count(since, "day", "days")+" ago")
		default:
			ps = append(ps, fmt.Sprintf("No %dd ago", since))
		}
	}
	if o := r.no.Outcome; level < levelBare && o != "" && o != journal.OutcomeOpen {
		ps = append(ps, o.Words())
	}
	return strings.Join(ps, " · ")
}
