package cli

import (
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/store"
)

// followUpOdds are the odds lines of the listed follow-ups by No id ("not
// now: 5 of 23 turned around"), each from the No's own mode, for kinds
// with at least journal.MinOddsNos No's in it: a read of the month
// tallies per mode listed.
func (a *app) followUpOdds(st *store.Store, items []fuItem) (map[uint64]string, error) {
	book := followup.NewOddsBook(st.KindOdds)
	out := map[uint64]string{}
	for _, it := range items {
		o, ok, err := book.Of(it.Mode, it.Kind)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		label := string(it.Kind)
		if m, err := a.catalog().Mode(it.Mode); err == nil {
			if k, ok := m.KindInfo(it.Kind); ok {
				label = k.Label
			}
		}
		out[it.ID] = followup.OddsLine(label, o)
	}
	return out, nil
}
