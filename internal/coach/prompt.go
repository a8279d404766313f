package coach

import (
	"hash/fnv"

	"github.com/rebound-coach/rebound/internal/journal"
)

// PickPrompt chooses today's resilience prompt. seen maps past days (and
// today, for a second session) to the prompt ids shown that day.
//
// Rules, strongest first: never yesterday's prompt; not one already shown
// today when another is left; prompts never seen before, then the least
// recently seen. That spaces repeats as far apart as the prompt list allows
// (a month for 30 prompts). Ties are broken by a hash of the mode, the day
// and the session number, so the choice looks random but the same inputs
// always give the same prompt.
func (m *Mode) PickPrompt(seen map[journal.Day][]string, today journal.Day) Prompt {
	if len(m.Prompts) == 0 {
		return Prompt{}
	}
	last := make(map[string]journal.Day, len(m.Prompts))
	for d, ids := range seen {
		if today.Before(d) { // a clock that went backwards must not pin prompts
			continue
		}
		for _, id := range ids {
			if last[id] < d {
				last[id] = d
			}
		}
	}
	shown := func(d journal.Day) map[string]bool {
		s := map[string]bool{}
		for _, id := range seen[d] {
			s[id] = true
		}
		return s
	}
	shownToday, shownYesterday := shown(today), shown(today.AddDays(-1))

	h := fnv.New32a()
	h.Write([]byte(m.ID + "\x00" + string(today)))
	h.Write([]byte{byte(len(seen[today]))})
	seed := h.Sum32()

	pick := func(skip func(id string) bool) (Prompt, bool) {
		var best []int
		var bestDay journal.Day
		for i, p := range m.Prompts {
			if skip(p.ID) {
				continue
			}
			d := last[p.ID] // "" (never seen) sorts before every day
			switch {
			case best == nil || d < bestDay:
				best, bestDay = []int{i}, d
			case d == bestDay:
				best = append(best, i)
			}
		}
		if best == nil {
			return Prompt{}, false
		}
		return m.Prompts[best[seed%uint32(len(best))]], true
	}
	if p, ok := pick(func(id string) bool { return shownToday[id] || shownYesterday[id] }); ok {
		return p
	}
	if p, ok := pick(func(id string) bool { return shownYesterday[id] }); ok {
		return p
	}
	p, _ := pick(func(string) bool { return false })
	return p
}
