package ritual

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/words"
)

// Memory is one past win to re-read: a yes logged with `rebound win`, a No
// that turned into a yes, or the win written in a past reflection.
type Memory struct {
	Day journal.Day
	// Source says where it comes from: "win", "yes" or "reflection".
	Source string
	// Title is the headline ("Acme Corp said yes"), Detail what it was about.
	Title, Detail string
	// After is the days from the No to the yes (Source "yes"; -1 unknown).
	After int
}

// Memories gathers the candidates, newest first. yesWord names a yes in the
// mode's words ("deal", "offer"...). Empty texts are left out.
func Memories(wins []journal.Win, yes []journal.No, refl []journal.Reflection, yesWord string) []Memory {
	var out []Memory
	for _, w := range wins {
		who, what := strings.TrimSpace(w.Who), strings.TrimSpace(w.What)
		m := Memory{Day: w.Date, Source: "win", After: -1}
		switch {
		case who != "" && what != "":
			m.Title, m.Detail = who+" said yes", what
		case who != "":
			m.Title = who + " said yes"
		default:
			m.Title = what
		}
		out = append(out, m)
	}
	for _, n := range yes {
		if n.Outcome != journal.OutcomeYes || strings.TrimSpace(n.Who) == "" {
			continue
		}
		m := Memory{Day: n.Date, Source: "yes", Title: strings.TrimSpace(n.Who) + " said yes", After: -1}
		if at := n.YesAt(); !at.IsZero() {
			yd := journal.DayOf(at.In(time.Local))
			m.After = n.Date.DaysUntil(yd)
			m.Day = yd
		}
		var parts []string
		if o := strings.TrimSpace(n.Offer); o != "" {
			parts = append(parts, o)
		}
		if m.After > 0 {
			parts = append(parts, fmt.Sprintf("a %s %s after their no", yesWord, words.Count(m.After, "day", "days")))
		} else if yesWord != "" {
			parts = append(parts, "a "+yesWord+" that started as a no")
		}
		m.Detail = strings.Join(parts, " — ")
		if l := strings.TrimSpace(n.Lesson); l != "" {
			m.Detail += "\nWhat you learned: " + l
		}
		out = append(out, m)
	}
	for _, r := range refl {
		for _, w := range strings.Split(r.Win, "\n") {
			if w = strings.TrimSpace(w); w != "" {
				out = append(out, Memory{Day: r.Date, Source: "reflection", Title: w, After: -1})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Memory) int { return cmp.Compare(b.Day, a.Day) })
	return out
}

// PickMemory chooses one memory: it looks random, but the same list on the
// same day always gives the same one, and a second session the same day
// (session > 0) shows a different one when there is more than one.
func PickMemory(ms []Memory, today journal.Day, session int) (Memory, bool) {
	if len(ms) == 0 {
		return Memory{}, false
	}
	h := fnv.New32a()
	h.Write([]byte(today))
	i := (int(h.Sum32()%uint32(len(ms))) + session) % len(ms)
	return ms[i], true
}
