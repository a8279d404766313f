package ratio

import (
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Store is what Load reads.
type Store interface {
	// Count is the number of No's; YesCount those whose outcome is yes.
	Count() (int, error)
	YesCount() (int, error)
}

// Load reads the meter's two counts. Both are kept as counters by the
// store, so the meter costs two reads at any journal size. Wins are not
// read: a yes that did not start as a No says nothing about how often a
// No becomes a yes.
func Load(st Store) (Meter, error) {
	nos, err := st.Count()
	if err != nil {
		return Meter{}, err
	}
	yeses, err := st.YesCount()
	if err != nil {
		return Meter{}, err
	}
	return Compute(nos, yeses), nil
}

// FromTallies is the meter over a set of tallies (a mode's month tallies,
// say): their No's, and those whose outcome is yes. It is how the meter
// counts only one mode's No's once the store keeps its tallies by mode.
func FromTallies[K comparable](ts map[K]tally.Day) Meter {
	nos, yeses := 0, 0
	for _, t := range ts {
		nos += t.Nos
		yeses += t.Outcomes[string(journal.OutcomeYes)]
	}
	return Compute(nos, yeses)
}
