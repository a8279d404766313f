package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// BatchSize is how many No's one transaction of SeedNos writes: enough
// to amortise the fsync, few enough that a bbolt transaction's dirty pages
// stay small (demo of 100k: 23 MiB peak at 1000, 41 MiB at 5000; 3 s).
const BatchSize = 1000

// Seed stores a generated journal: SeedNos, then SeedRest.
func (s *Store) Seed(nos []journal.No, refl []journal.Reflection, wins []journal.Win, rest []journal.Day) error {
	if err := s.SeedNos(nos); err != nil {
		return err
	}
	return s.SeedRest(refl, wins, rest)
}

// SeedNos stores generated No's as they are, keeping their timestamps and
// outcome history (demo data and benchmarks), in transactions of BatchSize
// with every index and tally kept as for a normal write. Each batch
// gathers its postings, tallies and counts in memory and writes each of
// those keys once. IDs are assigned.
func (s *Store) SeedNos(nos []journal.No) error {
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
	}
	return nil
}

// SeedRest stores generated reflections, wins and rest days in one transaction.
func (s *Store) SeedRest(refl []journal.Reflection, wins []journal.Win, rest []journal.Day) error {
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
