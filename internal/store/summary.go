package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Reads of counters for screens that show a total, not a list: each costs
// a few keys whatever the journal holds.

// ModeCounts is the number of No's of mode and of those whose outcome is
// yes, from mode_counts ("" sums every mode, from the counters in meta):
// the closer-to-yes meter reads this instead of every month's tally.
func (s *Store) ModeCounts(mode string) (nos, yes int, err error) {
	err = s.view(func(_ *bolt.Tx, b *buckets) error {
		if mode == "" {
			nos, yes = getInt(b.meta, keyCount), getInt(b.meta, keyYes)
			return nil
		}
		v := b.modeCounts.Get([]byte(modeKey(mode)))
		if v == nil {
			return nil
		}
		c, err := readCounts(v)
		if err != nil {
			return s.corrupt(fmt.Errorf("the counts of mode %q: %w", mode, err))
		}
		nos, yes = c.nos, c.yes
		return nil
	})
	return nos, yes, wrapOp("count the mode's No's", err)
}

// TrendTallies are the day tallies of mode from..to (inclusive; "" is
// open; mode "" sums every mode) with only their counts decoded (No's,
// reframed, feelings), not their maps: what a weekly trend draws, at a
// cost that does not grow with the No's of a day.
func (s *Store) TrendTallies(mode string, from, to journal.Day) (map[journal.Day]tally.Day, error) {
	out := map[journal.Day]tally.Day{}
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		return modeRange(b.tally, mode, from, to, func(m string, d journal.Day, v []byte) error {
			t := out[d]
			if err := addTallyInts(v, &t); err != nil {
				return s.corrupt(fmt.Errorf("tally of %s %s: %w", m, d, err))
			}
			out[d] = t
			return nil
		})
	})
	return out, wrapOp("read tallies", err)
}

// addTallyInts adds a stored tally's int fields (No's, reframed, feelings,
// ...) to t and stops at its first map: encodeTally writes every int field
// first. A tally in the old JSON layout is decoded whole.
func addTallyInts(v []byte, t *tally.Day) error {
	if len(v) > 0 && v[0] == valueV1 {
		var full tally.Day
		if err := decodeTally(v, &full); err != nil {
			return err
		}
		for _, x := range fieldsOf(&full).ints {
			for _, y := range fieldsOf(t).ints {
				if x.name == y.name {
					*y.p += *x.p
				}
			}
		}
		return nil
	}
	if len(v) == 0 || v[0] != valueTally {
		return fmt.Errorf("tally layout %d is unknown to this build", v[0])
	}
	r := reader{b: v[1:]}
	ints := fieldsOf(t).ints
fields:
	for len(r.b) > 0 && r.err == nil {
		name := r.string()
		for _, x := range ints {
			if x.name == name {
				*x.p += int(r.varint())
				continue fields
			}
		}
		break // the first field that is not an int: the ints are done
	}
	if r.err != nil {
		return fmt.Errorf("decode tally: %w", r.err)
	}
	return nil
}

// MonthTotal is the sum of the month tallies of mode from..to ("YYYY-MM",
// inclusive; "" is open; mode "" sums every mode): each stored tally is
// added as it is decoded, so a sum over years builds one tally, not one
// per month to merge.
func (s *Store) MonthTotal(mode string, from, to string) (tally.Day, error) {
	var sum tally.Day
	keys := interner{}
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		return modeRange(b.months, mode, journal.Day(from), journal.Day(to), func(m string, d journal.Day, v []byte) error {
			if err := addTally(v, &sum, keys); err != nil {
				return s.corrupt(fmt.Errorf("tally of %s %s: %w", m, d, err))
			}
			return nil
		})
	})
	return sum, wrapOp("read month tallies", err)
}

// interner hands out one string per distinct key: the months of a sum
// share their reasons, competitors and tags, so each is allocated once.
type interner map[string]string

func (in interner) key(b []byte) string {
	if s, ok := in[string(b)]; ok { // no allocation for a lookup
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// addTally adds a stored tally to t, field by field as it is read (no
// tally of its own is built); a count that sums to zero leaves its map,
// as tally.Day keeps no zeros. A tally in the old JSON layout is decoded
// and merged.
func addTally(v []byte, t *tally.Day, keys interner) error {
	if len(v) > 0 && v[0] == valueV1 {
		var o tally.Day
		if err := decodeTally(v, &o); err != nil {
			return err
		}
		t.Merge(&o)
		return nil
	}
	if len(v) == 0 || v[0] != valueTally {
		return fmt.Errorf("tally layout %d is unknown to this build", v[0])
	}
	r := reader{b: v[1:]}
	f := fieldsOf(t)
	addCounts := func(m *map[string]int) {
		for n := r.len(); n > 0 && r.err == nil; n-- {
			k := keys.key(r.raw())
			addCount(m, k, int(r.varint()))
		}
	}
fields:
	for len(r.b) > 0 && r.err == nil {
		name := keys.key(r.raw())
		for _, x := range f.ints {
			if x.name == name {
				*x.p += int(r.varint())
				continue fields
			}
		}
		for _, x := range f.maps {
			if x.name == name {
				addCounts(x.p)
				continue fields
			}
		}
		for _, x := range f.nested {
			if x.name == name {
				for n := r.len(); n > 0 && r.err == nil; n-- {
					k := keys.key(r.raw())
					if *x.p == nil {
						*x.p = map[string]map[string]int{}
					}
					m := (*x.p)[k]
					addCounts(&m)
					if len(m) == 0 {
						delete(*x.p, k)
					} else {
						(*x.p)[k] = m
					}
				}
				if len(*x.p) == 0 {
					*x.p = nil
				}
				continue fields
			}
		}
		for _, x := range f.days {
			if x.name == name {
				for n := r.len(); n > 0 && r.err == nil; n-- {
					k := keys.key(r.raw())
					if *x.p == nil {
						*x.p = map[string]map[int]int{}
					}
					m := (*x.p)[k]
					if m == nil {
						m = map[int]int{}
					}
					for c := r.len(); c > 0 && r.err == nil; c-- {
						d := int(r.varint())
						if m[d] += int(r.varint()); m[d] == 0 {
							delete(m, d)
						}
					}
					if len(m) == 0 {
						delete(*x.p, k)
					} else {
						(*x.p)[k] = m
					}
				}
				if len(*x.p) == 0 {
					*x.p = nil
				}
				continue fields
			}
		}
		if r.err == nil {
			return fmt.Errorf("the tally field %q is unknown to this build", name)
		}
	}
	if r.err != nil {
		return fmt.Errorf("decode tally: %w", r.err)
	}
	return nil
}

// addCount adds v to (*m)[k], keeping the map free of zeros (nil when empty).
func addCount(m *map[string]int, k string, v int) {
	if *m == nil {
		*m = map[string]int{}
	}
	if (*m)[k] += v; (*m)[k] == 0 {
		delete(*m, k)
	}
	if len(*m) == 0 {
		*m = nil
	}
}

// raw is the next string's bytes, not copied (valid while the transaction is).
func (r *reader) raw() []byte {
	n := r.len()
	if r.err != nil {
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}
