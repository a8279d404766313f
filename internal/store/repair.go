package store

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Repair rebuilds every index, tally and counter from the No's, reflections
// and wins, in one transaction. A No that cannot be read is moved to bucket "damaged"
// (kept, not deleted) so the rest of the journal is consistent again.
func (s *Store) Repair() error {
	err := s.withDB(false, func(db *bolt.DB) error {
		defer s.longOp("a repair")() // seconds under the lock: others wait (busy.go)
		return db.Update(func(tx *bolt.Tx) error {
			st := readSchema(tx)
			if err := s.schemaErr(st); err != nil {
				return err
			}
			if st.fresh {
				return initSchema(tx)
			}
			if st.version != currentSchema {
				return fmt.Errorf("%s has schema %d; open it with rebound first to upgrade it", s.path, st.version)
			}
			return rebuild(tx)
		})
	})
	return wrapOp("repair journal", err)
}

// rebuild recomputes all derived buckets and counters from nos, reflections
// and wins, writing each aggregate key once.
func rebuild(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	for _, name := range derivedBuckets {
		if err := tx.DeleteBucket(name); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(name); err != nil {
			return err
		}
	}
	b, _ := bind(tx)
	// Fresh buckets filled in key order: pack them full.
	for _, bk := range []*bolt.Bucket{b.byDay, b.byFollowUp, b.waiting, b.words, b.noDays, b.tally, b.months,
		b.reframedDays, b.reflectionDays, b.winDays} {
		bk.FillPercent = 1.0
	}
	type kv struct{ k, v []byte }
	var bad, fixed []kv
	x := newIx(nil)
	var maxID uint64
	err := b.nos.ForEach(func(k, v []byte) error {
		n, err := readNo(k, v)
		if err != nil {
			bad = append(bad, kv{bytes.Clone(k), bytes.Clone(v)})
			return nil
		}
		if n.ID != idOf(k) {
			n.ID = idOf(k) // a schema 1 No stored under another id: the key wins
			val, err := encodeNo(&n)
			if err != nil {
				return err
			}
			fixed = append(fixed, kv{bytes.Clone(k), val})
		}
		for _, e := range entries(&n) {
			if err := b.bucket(e.bucket).Put(e.key, e.value); err != nil {
				return err
			}
		}
		x.add(&n, +1)
		maxID = max(maxID, n.ID)
		return nil
	})
	if err != nil {
		return err
	}
	x.b = b
	if err := x.flush(); err != nil {
		return err
	}
	for _, y := range fixed {
		if err := b.nos.Put(y.k, y.v); err != nil {
			return err
		}
	}
	if len(bad) > 0 {
		damaged, err := tx.CreateBucketIfNotExists(bucketDamaged)
		if err != nil {
			return err
		}
		for _, y := range bad {
			if err := damaged.Put(y.k, y.v); err != nil {
				return err
			}
			if err := b.nos.Delete(y.k); err != nil {
				return err
			}
		}
	}
	if err := b.nos.SetSequence(max(b.nos.Sequence(), maxID)); err != nil {
		return err
	}
	err = b.reflections.ForEach(func(k, v []byte) error {
		var r journal.Reflection
		if decode(v, &r) != nil {
			return nil // kept as is; Check reports it
		}
		return b.reflectionDays.Put(k, u32(sessions(&r)))
	})
	if err != nil {
		return err
	}
	var maxWin uint64
	wins := map[string]int{}
	err = b.wins.ForEach(func(k, v []byte) error {
		var w journal.Win
		if decode(v, &w) != nil || !w.Date.Valid() {
			return nil // kept as is; Check reports it
		}
		maxWin = max(maxWin, idOf(k))
		wins[string(w.Date)]++
		return nil
	})
	if err != nil {
		return err
	}
	for _, d := range slices.Sorted(maps.Keys(wins)) {
		if err := putInt(b.winDays, []byte(d), wins[d]); err != nil {
			return err
		}
	}
	return b.wins.SetSequence(max(b.wins.Sequence(), maxWin))
}
