package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// The reflection loop: the intention saved in the last reflection before a
// day is that day's, which home shows and the next reflection asks about
// ("Did you do it?"). Reflections are keyed by date, so the last one
// before d is one cursor seek, however long the journal.

// lastReflectionBefore is the newest reflection dated before d.
func lastReflectionBefore(b *buckets, d journal.Day) (journal.Reflection, bool, error) {
	var r journal.Reflection
	c := b.reflections.Cursor()
	k, v := c.Seek([]byte(d))
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if k == nil {
		return r, false, nil
	}
	if err := decode(v, &r); err != nil {
		return r, false, fmt.Errorf("reflection of %s: %w", k, err)
	}
	return r, true, nil
}

// LastReflectionBefore is the newest reflection dated before d (false: none).
func (s *Store) LastReflectionBefore(d journal.Day) (journal.Reflection, bool, error) {
	var r journal.Reflection
	var ok bool
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var err error
		if r, ok, err = lastReflectionBefore(b, d); err != nil {
			return s.corrupt(err)
		}
		return nil
	})
	return r, ok, wrapOp("read the last reflection", err)
}

// ReflectionAndLast is d's reflection and the newest before it, in one
// read of the journal (home's first frame shows both); a zero Date is none.
func (s *Store) ReflectionAndLast(d journal.Day) (today, last journal.Reflection, err error) {
	err = s.view(func(_ *bolt.Tx, b *buckets) error {
		var err error
		if today, _, err = getReflection(b, d); err != nil {
			return s.corrupt(err)
		}
		if last, _, err = lastReflectionBefore(b, d); err != nil {
			return s.corrupt(err)
		}
		return nil
	})
	return today, last, wrapOp("read reflections", err)
}
