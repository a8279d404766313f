package store

import (
	"fmt"
	"strings"
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

// checkNo refuses what would break the store's keys.
func checkNo(n *journal.No) error {
	if strings.TrimSpace(n.Who) == "" {
		return journal.Invalid("who said no is empty: name the person or company (--who)")
	}
	if !n.Date.Valid() {
		return journal.Invalid("the date %q is not a date of the form YYYY-MM-DD", n.Date)
	}
	if n.FollowUp != "" && !n.FollowUp.Valid() {
		return journal.Invalid("the follow-up date %q is not a date of the form YYYY-MM-DD", n.FollowUp)
	}
	return nil
}

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

// UpdateNo replaces the No with n.ID, keeping CreatedAt and setting
// UpdatedAt. An outcome changed without SetOutcome is still recorded in the
// history, and ReframedAt is kept from the first time the No was reframed.
func (s *Store) UpdateNo(n *journal.No, now time.Time) error {
	c := *n
	now = now.UTC()
	if err := checkNo(&c); err != nil {
		return err
	}
	err := s.update(func(_ *bolt.Tx, b *buckets) error {
		prev, err := s.getNo(b, c.ID)
		if err != nil {
			return err
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
		return writeOne(b, &prev, &c)
	})
	if err != nil {
		return wrapOp("update No", err)
	}
	*n = c
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
	if !n.Reframed() {
		es = append(es, entry{bucketWaiting, idKey(n.ID), empty})
	}
	return es
}

func (b *buckets) bucket(name []byte) *bolt.Bucket {
	switch string(name) {
	case string(bucketByDay):
		return b.byDay
	case string(bucketByFollowUp):
		return b.byFollowUp
	case string(bucketWaiting):
		return b.waiting
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
		val, err := encodeNo(next)
		if err != nil {
			return err
		}
		if err := b.nos.Put(idKey(next.ID), val); err != nil {
			return err
		}
		for _, e := range entries(next) {
			if err := b.bucket(e.bucket).Put(e.key, e.value); err != nil {
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
