package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// AddNo stores a new No. It sets ID, CreatedAt and UpdatedAt (now, UTC), a
// missing Date (today), a missing Outcome (open, recorded in the history)
// and ReframedAt when the No arrives already reframed. Reasons are the
// caller's to validate; an empty Who or a malformed date is refused.
func (s *Store) AddNo(n *journal.No, now time.Time) error {
	c := *n
	journal.NormaliseText(&c)
	now = now.UTC()
	if c.Date == "" {
		c.Date = journal.Today(now)
	}
	if err := checkNo(&c); err != nil {
		return err
	}
	c.CreatedAt, c.UpdatedAt = now, now
	if c.Outcome == "" {
		c.Outcome = journal.OutcomeOpen
		c.OutcomeHistory = []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: now}}
	}
	if c.ReframedAt == nil && c.Reframed() {
		c.ReframedAt = &now
	}
	err := s.update(func(_ *bolt.Tx, b *buckets) error {
		id, err := b.nos.NextSequence()
		if err != nil {
			return err
		}
		c.ID = id
		return writeOne(b, nil, &c)
	})
	if err != nil {
		return wrapOp("add No", err)
	}
	*n = c
	return nil
}

// checkNo refuses what would break the store's keys and whatever is over
// a limit (journal.CheckLimits): every way in, the command line, a form or
// an import, meets the same rules.
func checkNo(n *journal.No) error { return n.CheckLimits() }

// GetNo reads one No.
func (s *Store) GetNo(id uint64) (journal.No, error) {
	var n journal.No
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var err error
		n, err = s.getNo(b, id)
		return err
	})
	return n, err
}

func (s *Store) getNo(b *buckets, id uint64) (journal.No, error) {
	var n journal.No
	s.decoded.Add(1)
	k := idKey(id)
	v := b.nos.Get(k)
	if v == nil {
		return n, s.notFound(id)
	}
	if err := decodeNoValue(k, v, &n); err != nil {
		return n, s.corrupt(fmt.Errorf("No %d: %w", id, err))
	}
	return n, nil
}

// UpdateNo replaces the whole No with n.ID. It is a blind overwrite, for
// tests and tools that own the record: screens save with SaveNo (which
// merges with changes made since they loaded the No) and commands with
// PatchNo (read and written in one transaction).
func (s *Store) UpdateNo(n *journal.No, now time.Time) error {
	c := *n
	saved, err := s.PatchNo(c.ID, now, func(p *journal.No) error {
		c.CreatedAt, c.UpdatedAt, c.OutcomeHistory = p.CreatedAt, p.UpdatedAt, orHistory(c.OutcomeHistory, p.OutcomeHistory, c.Outcome)
		if c.ReframedAt == nil {
			c.ReframedAt = p.ReframedAt
		}
		*p = c
		return nil
	})
	if err == nil {
		*n = saved
	}
	return err
}

// orHistory keeps the stored history when the caller's has none or did not
// record a change of outcome.
func orHistory(mine, stored []journal.OutcomeChange, o journal.Outcome) []journal.OutcomeChange {
	if len(mine) == 0 || o == "" {
		return stored
	}
	return mine
}

// PatchNo changes the stored No with id by fn, read and written in one write
// transaction, so two processes patching different fields of the same No at
// once both keep their change. An error from fn (bad input) writes nothing
// and is returned as it is.
func (s *Store) PatchNo(id uint64, now time.Time, fn func(n *journal.No) error) (journal.No, error) {
	var saved journal.No
	err := s.update(func(_ *bolt.Tx, b *buckets) error {
		prev, err := s.getNo(b, id)
		if err != nil {
			return err
		}
		c := prev
		c.Tags = slices.Clone(prev.Tags)
		c.OutcomeHistory = slices.Clone(prev.OutcomeHistory)
		c.Debrief = slices.Clone(prev.Debrief)
		if err := fn(&c); err != nil {
			return errPatch{err}
		}
		c.ID = id
		if err := finishUpdate(&prev, &c, now); err != nil {
			return err
		}
		saved = c
		return writeOne(b, &prev, &c)
	})
	var pe errPatch
	if errors.As(err, &pe) {
		return journal.No{}, pe.err
	}
	if err != nil {
		return journal.No{}, wrapOp("update No", err)
	}
	return saved, nil
}

// errPatch carries the caller's own error out of the transaction unwrapped.
type errPatch struct{ err error }

func (e errPatch) Error() string { return e.err.Error() }

// SaveNo writes edited, the user's change of base (the No as their screen
// loaded it). When the stored No changed since, fields the user left alone
// take the stored values and fields only the user changed take theirs; a
// field both changed returns a *journal.ConflictError and writes nothing.
func (s *Store) SaveNo(base, edited journal.No, now time.Time) (journal.No, error) {
	var conflict *journal.ConflictError
	saved, err := s.PatchNo(edited.ID, now, func(cur *journal.No) error {
		next := edited
		if !cur.UpdatedAt.Equal(base.UpdatedAt) {
			merged, conflicts := journal.Merge(base, edited, *cur)
			if len(conflicts) > 0 {
				conflict = &journal.ConflictError{Stored: *cur, Merged: merged, Conflicts: conflicts}
				return conflict
			}
			next = merged
		}
		next.CreatedAt, next.UpdatedAt = cur.CreatedAt, cur.UpdatedAt
		if next.Outcome == cur.Outcome || next.Outcome == "" {
			next.OutcomeHistory = cur.OutcomeHistory
			next.Outcome = cur.Outcome
		} else {
			next.OutcomeHistory = slices.Clone(cur.OutcomeHistory)
		}
		if next.ReframedAt == nil {
			next.ReframedAt = cur.ReframedAt
		}
		*cur = next
		return nil
	})
	if conflict != nil {
		return journal.No{}, conflict
	}
	return saved, err
}

// finishUpdate keeps what the store owns: the created time, a strictly later
// updated time (it is the version screens compare), an outcome change
// recorded in the history, and the first time the No was reframed.
func finishUpdate(prev, c *journal.No, now time.Time) error {
	journal.NormaliseText(c)
	if err := checkNo(c); err != nil {
		return err
	}
	now = now.UTC()
	if !now.After(prev.UpdatedAt) {
		now = prev.UpdatedAt.Add(time.Nanosecond)
	}
	c.CreatedAt, c.UpdatedAt = prev.CreatedAt, now
	if c.Outcome == "" {
		c.Outcome, c.OutcomeHistory = prev.Outcome, prev.OutcomeHistory
	}
	if h := c.OutcomeHistory; len(h) == 0 || h[len(h)-1].Outcome != c.Outcome {
		c.OutcomeHistory = append(c.OutcomeHistory, journal.OutcomeChange{Outcome: c.Outcome, At: now})
	}
	if c.ReframedAt == nil && c.Reframed() {
		c.ReframedAt = prev.ReframedAt
		if c.ReframedAt == nil {
			c.ReframedAt = &now
		}
	}
	return nil
}

// DeleteNo removes a No with its index entries and its part of the tally.
func (s *Store) DeleteNo(id uint64) error {
	err := s.update(func(_ *bolt.Tx, b *buckets) error {
		prev, err := s.getNo(b, id)
		if err != nil {
			return err
		}
		return writeOne(b, &prev, nil)
	})
	return wrapOp("delete No", err)
}

// entry is one index key a No owns on its own (the aggregated indexes are
// kept by ix).
type entry struct {
	bucket []byte
	key    []byte
	value  []byte
}

// entries lists n's own index keys; Check and Repair use the same list.
func entries(n *journal.No) []entry {
	es := []entry{{bucketByDay, dayIDKey(n.Date, n.ID), dayValue(n)}}
	if n.FollowUp != "" && !n.FollowUpDone {
		es = append(es, entry{bucketByFollowUp, dayIDKey(n.FollowUp, n.ID), followUpValue(n)})
	}
	if n.Waiting() {
		es = append(es, entry{bucketWaiting, dayIDKey(n.Date, n.ID), empty})
	}
	es = append(es, whoEntries(n)...)
	if n.Source != "" {
		es = append(es, entry{bucketBySource, sourceKey(n.Source, n.ID), empty})
	}
	return append(es, eventEntries(n)...)
}

func (b *buckets) bucket(name []byte) *bolt.Bucket {
	switch string(name) {
	case string(bucketByDay):
		return b.byDay
	case string(bucketByFollowUp):
		return b.byFollowUp
	case string(bucketWaiting):
		return b.waiting
	case string(bucketByWho):
		return b.byWho
	case string(bucketBySource):
		return b.sourceBucket()
	case string(bucketEvents):
		return b.eventsBucket()
	}
	panic("store: no index bucket " + string(name))
}

// writeOne is writeNo for a single change, flushed at once.
func writeOne(b *buckets, prev, next *journal.No) error {
	x := newIx(b)
	if err := writeNo(b, x, prev, next); err != nil {
		return err
	}
	return x.flush()
}

// writeNo moves a No from prev to next (either may be nil; both have the
// same id) in the caller's transaction: the record and its own index keys
// now, the aggregates (postings, tallies, counters) in x until x.flush.
func writeNo(b *buckets, x *ix, prev, next *journal.No) error {
	return writeNoValue(b, x, prev, next, nil, nil)
}

// writeNoValue is writeNo with next's value already encoded (nil: not),
// handing next's prospect keys to later instead of writing them when later
// is set (a large import writes them at its end, in key order).
func writeNoValue(b *buckets, x *ix, prev, next *journal.No, val []byte, later func(entry) error) error {
	if prev != nil {
		for _, e := range entries(prev) {
			if err := b.bucket(e.bucket).Delete(e.key); err != nil {
				return err
			}
		}
		x.add(prev, -1)
		if next == nil {
			if err := b.nos.Delete(idKey(prev.ID)); err != nil {
				return err
			}
		}
	}
	if next != nil {
		if val == nil {
			var err error
			if val, err = encodeNo(next); err != nil {
				return err
			}
		}
		if err := b.nos.Put(idKey(next.ID), val); err != nil {
			return err
		}
		for _, e := range entries(next) {
			var err error
			if later != nil && bytes.Equal(e.bucket, bucketByWho) {
				err = later(e)
			} else {
				err = b.bucket(e.bucket).Put(e.key, e.value)
			}
			if err != nil {
				return err
			}
		}
		x.add(next, +1)
	}
	return nil
}

// wrapOp adds the operation to errors that are not already a full sentence.
func wrapOp(op string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*sentence); ok {
		return err
	}
	if journal.IsValidation(err) {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}
