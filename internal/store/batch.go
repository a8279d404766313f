package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// BatchSize is how many records one transaction of Seed writes: large
// enough to amortise the fsync, small enough to keep memory flat.
const BatchSize = 5000

// Seed stores generated records as they are, keeping their timestamps and
// outcome history (demo data and benchmarks), in batched transactions with
// every index and tally kept as for a normal write. Each batch gathers its
// postings, tallies and counts in memory and writes each of those keys
// once. IDs are assigned.
// progress, if not nil, is called after each batch with the No's written so far.
func (s *Store) Seed(nos []journal.No, refl []journal.Reflection, wins []journal.Win, rest []journal.Day, progress func(done int)) error {
	for i := range nos {
		if err := checkNo(&nos[i]); err != nil {
			return fmt.Errorf("seed No %d: %w", i, err)
		}
	}
	for start := 0; start < len(nos); start += BatchSize {
		batch := nos[start:min(len(nos), start+BatchSize)]
		err := s.update(func(_ *bolt.Tx, b *buckets) error {
			x := newIx(b)
			for i := range batch {
				id, err := b.nos.NextSequence()
				if err != nil {
					return err
				}
				batch[i].ID = id
				if err := writeNo(b, x, nil, &batch[i]); err != nil {
					return err
				}
			}
			return x.flush()
		})
		if err != nil {
			return wrapOp("seed", err)
		}
		if progress != nil {
			progress(start + len(batch))
		}
	}
	err := s.update(func(_ *bolt.Tx, b *buckets) error {
		for i := range refl {
			cur, ok, err := getReflection(b, refl[i].Date)
			if err != nil {
				return err
			}
			if ok {
				cur.Merge(refl[i])
			} else {
				cur = refl[i]
			}
			if err := putReflection(b, &cur); err != nil {
				return err
			}
		}
		for i := range wins {
			if err := putWin(b, &wins[i]); err != nil {
				return err
			}
		}
		for _, d := range rest {
			if err := b.restDays.Put([]byte(d), empty); err != nil {
				return err
			}
		}
		return nil
	})
	return wrapOp("seed", err)
}
