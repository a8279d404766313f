package insights

import (
	"cmp"
	"slices"

	"github.com/rebound-coach/rebound/internal/tally"
)

// MaxSaid caps the debrief answers listed.
const MaxSaid = 3

// Debriefs is what debrief calls said in the period, next to the reasons.
type Debriefs struct {
	// Nos counts the No's with at least one debrief answer.
	Nos int
	// ByReason counts those No's by their reason (Share is over Nos).
	ByReason []Count
	// Said are the short answers heard at least twice, most often first:
	// an answer heard once is an anecdote, not what they "said most".
	Said []Said
}

// Said is one debrief answer (folded: lower case, see tally.SaidKey) and
// how many No's it was heard on.
type Said struct {
	Text  string
	Count int
}

func debriefs(t *tally.Day, l labels) Debriefs {
	d := Debriefs{Nos: t.Debriefed, Said: []Said{}}
	d.ByReason = counts(t.DebriefReasons, nil, t.Debriefed, false, l.reason)
	for text, n := range t.DebriefSaid {
		if n >= 2 {
			d.Said = append(d.Said, Said{Text: text, Count: n})
		}
	}
	slices.SortFunc(d.Said, func(a, b Said) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Text, b.Text))
	})
	if len(d.Said) > MaxSaid {
		d.Said = d.Said[:MaxSaid]
	}
	return d
}
