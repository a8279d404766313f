package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// KindOdds are, for each kind of no in mode, how many No's of that kind
// the mode holds and how many of them turned around (ever reached maybe
// or yes), from the month tallies, which count both (Kinds, and Turned by
// "kind:<id>") in the same write as every No: a read per month the mode
// has No's in, no counter of its own to keep in step.
func (s *Store) KindOdds(mode string) (map[journal.Kind]journal.Odds, error) {
	out := map[journal.Kind]journal.Odds{}
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var sum tally.Day
		keys := interner{}
		err := modeRange(b.months, mode, "", "", func(m string, d journal.Day, v []byte) error {
			if err := addTally(v, &sum, keys); err != nil {
				return s.corrupt(fmt.Errorf("tally of %s %s: %w", m, d, err))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for k, n := range sum.Kinds {
			out[journal.Kind(k)] = journal.Odds{Turned: sum.Turned["kind:"+k], Total: n}
		}
		return nil
	})
	return out, wrapOp("count how often each kind of no turned around", err)
}

// rowMode is the mode of the No with id on day d, from its by_day row (no
// No decoded); "" when the row is missing (doctor reports it).
func rowMode(b *buckets, d journal.Day, id uint64) string {
	v := b.byDay.Get(dayIDKey(d, id))
	if v == nil {
		return ""
	}
	_, _, mode := dayFields(v)
	return string(mode)
}
