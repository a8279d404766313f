package ratio

import (
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Store is what Load reads.
type Store interface {
	Count() (int, error)
	YesCount() (int, error)
	ListNos(q journal.Query) ([]journal.No, *journal.Cursor, error)
	Wins() ([]journal.Win, error)
	Tallies(from, to journal.Day) (map[journal.Day]tally.Day, error)
}

// Load reads the meter's counts: the No counter, the No's whose outcome is
// yes (from the outcome index; yeses are few), the wins, and the per-day
// tallies after the most recent yes — by the day it became a yes, or the
// day of the latest win.
func Load(st Store) (Meter, error) {
	total, err := st.Count()
	if err != nil {
		return Meter{}, err
	}
	// The yes count comes from its counter; the latest yes from the newest
	// few yes No's (a No becomes a yes on or after its own date).
	yesCount, err := st.YesCount()
	if err != nil {
		return Meter{}, err
	}
	yes, _, err := st.ListNos(journal.Query{Outcome: string(journal.OutcomeYes), Limit: 20})
	if err != nil {
		return Meter{}, err
	}
	wins, err := st.Wins()
	if err != nil {
		return Meter{}, err
	}
	last := LastYes(yes, wins)
	since := total
	if last != "" {
		ts, err := st.Tallies(last.AddDays(1), "")
		if err != nil {
			return Meter{}, err
		}
		since = 0
		for _, t := range ts {
			since += t.Nos
		}
	}
	return Compute(total, yesCount, len(wins), since), nil
}

// LastYes is the most recent day a yes happened: the day a No became a yes
// (in the local zone), or a win's date. "" when there is none.
func LastYes(yes []journal.No, wins []journal.Win) journal.Day {
	var last journal.Day
	for _, n := range yes {
		d := n.Date
		if at := n.YesAt(); !at.IsZero() {
			d = max(d, journal.Today(at))
		}
		last = max(last, d)
	}
	for _, w := range wins {
		last = max(last, w.Date)
	}
	return last
}
