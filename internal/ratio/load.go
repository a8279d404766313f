package ratio

import (
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Store is what Load reads: the month tallies of one mode's No's.
type Store interface {
	MonthTallies(mode string, from, to string) (map[string]tally.Day, error)
}

// Load reads the meter of mode: its No's and those whose outcome is yes,
// from the mode's month tallies (a few dozen small reads at any size; no
// other mode's key is read). Each mode counts only the No's logged in it,
// and wins are not read: a yes that did not start as a No says nothing
// about how often a No becomes a yes.
func Load(st Store, mode string) (Meter, error) {
	months, err := st.MonthTallies(mode, "", "")
	if err != nil {
		return Meter{}, err
	}
	return FromTallies(months), nil
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
