package ratio

import (
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Store is what Load reads: the counters of one mode's No's.
type Store interface {
	ModeCounts(mode string) (nos, yes int, err error)
}

// Load reads the meter of mode: its No's and those whose outcome is yes,
// from the counters the store keeps per mode with every write (two numbers
// at any size; "" counts every mode). Each mode counts only the No's
// logged in it, and wins are not read: a yes that did not start as a No
// says nothing about how often a No becomes a yes.
func Load(st Store, mode string) (Meter, error) {
	nos, yes, err := st.ModeCounts(mode)
	if err != nil {
		return Meter{}, err
	}
	return Compute(nos, yes), nil
}

// FromTallies is the meter over a set of tallies (a mode's month tallies,
// say): their No's, and those whose outcome is yes.
func FromTallies[K comparable](ts map[K]tally.Day) Meter {
	nos, yeses := 0, 0
	for _, t := range ts {
		nos += t.Nos
		yeses += t.Outcomes[string(journal.OutcomeYes)]
	}
	return Compute(nos, yeses)
}
