package store

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Query selects No's for the journal screen; zero fields do not filter.
type Query struct {
	Limit  int     // 0 = no limit
	Before *Cursor // page after this cursor (exclusive), newest first
	// Text: every word must occur in the No (case and accents ignored); the
	// last word matches as a prefix, so typing "acm" finds "Acme".
	Text                  string
	Reason, Outcome, Mode string      // exact filters
	From, To              journal.Day // inclusive date range
}

// Cursor is the position of the last No on a page: (date, id).
type Cursor struct {
	Date journal.Day
	ID   uint64
}

type cand struct {
	date journal.Day
	id   uint64
}

// ListNos returns No's newest first by (date, id), with a cursor for the
// next page when more follow. Only the No's returned are decoded: the work
// is done on index keys, so a page costs the same in a journal of 100 or
// 100,000 No's (a text search costs what its words match).
func (s *Store) ListNos(q Query) ([]journal.No, *Cursor, error) {
	for _, d := range []journal.Day{q.From, q.To} {
		if d != "" && !d.Valid() {
			return nil, nil, journal.Invalid("the date %q is not a date of the form YYYY-MM-DD", d)
		}
	}
	if q.Before != nil && !q.Before.Date.Valid() {
		return nil, nil, fmt.Errorf("list No's: bad cursor date %q", q.Before.Date)
	}
	var out []journal.No
	var next *Cursor
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		cands, more := plan(b, q)
		out = make([]journal.No, 0, len(cands))
		for _, c := range cands {
			n, err := s.getNo(b, c.id)
			if err != nil {
				return err
			}
			out = append(out, n)
		}
		if more && len(cands) > 0 {
			last := cands[len(cands)-1]
			next = &Cursor{Date: last.date, ID: last.id}
		}
		return nil
	})
	if err != nil {
		return nil, nil, wrapOp("list No's", err)
	}
	return out, next, nil
}

type filter struct {
	bucket *bolt.Bucket
	value  string
}

// plan picks the page's (date, id) pairs from the indexes: a text search
// intersects word postings; otherwise the most selective-looking exact
// filter (reason, outcome, mode) or by_day drives a reverse cursor and the
// other filters are checked with one key lookup each.
func plan(b *buckets, q Query) ([]cand, bool) {
	var filters []filter
	for _, f := range []filter{{b.byReason, q.Reason}, {b.byOutcome, q.Outcome}, {b.byMode, q.Mode}} {
		if f.value != "" {
			filters = append(filters, f)
		}
	}
	upper := upperBound(q)
	match := func(d journal.Day, id uint64, fs []filter) bool {
		for _, f := range fs {
			if !has(f.bucket, fieldKey(f.value, d, id)) {
				return false
			}
		}
		return true
	}
	want := q.Limit + 1 // one extra tells whether another page follows
	if exact, prefix := queryTerms(q.Text); prefix != "" {
		var cands []cand
		for id, d := range searchIDs(b.words, exact, prefix) {
			if q.From != "" && d < q.From {
				continue
			}
			if upper != nil && bytes.Compare(dayIDKey(d, id), upper) >= 0 {
				continue
			}
			if match(d, id, filters) {
				cands = append(cands, cand{d, id})
			}
		}
		slices.SortFunc(cands, func(a, b cand) int {
			return cmp.Or(cmp.Compare(b.date, a.date), cmp.Compare(b.id, a.id))
		})
		if q.Limit > 0 && len(cands) > q.Limit {
			return cands[:q.Limit], true
		}
		return cands, false
	}
	drive, prefix := b.byDay, []byte(nil)
	if len(filters) > 0 {
		drive, prefix = filters[0].bucket, fieldPrefix(filters[0].value)
		filters = filters[1:]
	}
	var cands []cand
	scanDesc(drive, prefix, upper, q.From, func(d journal.Day, id uint64) bool {
		if match(d, id, filters) {
			cands = append(cands, cand{d, id})
		}
		return q.Limit <= 0 || len(cands) < want
	})
	if q.Limit > 0 && len(cands) > q.Limit {
		return cands[:q.Limit], true
	}
	return cands, false
}

// upperBound is the exclusive (date, id) bound from To and Before.
func upperBound(q Query) []byte {
	var u []byte
	if q.To != "" {
		u = []byte(q.To.AddDays(1))
	}
	if q.Before != nil {
		if c := dayIDKey(q.Before.Date, q.Before.ID); u == nil || bytes.Compare(c, u) < 0 {
			u = c
		}
	}
	return u
}

// scanDesc walks keys prefix+date+id below prefix+upper, newest first,
// down to from (inclusive), until fn returns false.
func scanDesc(bk *bolt.Bucket, prefix, upper []byte, from journal.Day, fn func(journal.Day, uint64) bool) {
	seek := append(append([]byte{}, prefix...), upper...)
	if upper == nil {
		seek = append(seek, 0xff) // past every date (dates are ASCII)
	}
	c := bk.Cursor()
	k, _ := c.Seek(seek)
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
		rest := k[len(prefix):]
		if len(rest) != 18 {
			continue
		}
		d := journal.Day(rest[:10])
		if from != "" && d < from {
			return
		}
		if !fn(d, idOf(rest)) {
			return
		}
	}
}

// searchIDs returns the No's (id -> date) holding every exact word and a
// word starting with prefix. Postings are intersected as they are read.
func searchIDs(words *bolt.Bucket, exact []string, prefix string) map[uint64]journal.Day {
	var set map[uint64]journal.Day
	scan := func(p []byte) {
		m := map[uint64]journal.Day{}
		c := words.Cursor()
		for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			if len(k) < 9 || k[len(k)-9] != 0 {
				continue
			}
			id := idOf(k)
			if set != nil {
				if _, ok := set[id]; !ok {
					continue
				}
			}
			m[id] = journal.Day(v)
		}
		set = m
	}
	for _, w := range exact {
		scan(append([]byte(w), 0))
		if len(set) == 0 {
			return set
		}
	}
	scan([]byte(prefix))
	return set
}

// Latest is the newest n No's.
func (s *Store) Latest(n int) ([]journal.No, error) {
	nos, _, err := s.ListNos(Query{Limit: n})
	return nos, err
}

// Count is the number of No's, from the counter kept in meta.
func (s *Store) Count() (int, error) {
	var n int
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		n = getInt(b.meta, keyCount)
		return nil
	})
	return n, wrapOp("count No's", err)
}

// Home is today at a glance.
type Home struct {
	Today, Week, Waiting, FollowUpsDue, FollowUpsOverdue, Total int
	// WaitingNos are the 5 most recently logged No's not yet reframed.
	WaitingNos []journal.No
}

// Home reads the home screen's numbers: counters, this week's tallies, the
// follow-ups due or overdue (their index keys) and five waiting No's.
func (s *Store) Home(today journal.Day) (Home, error) {
	if !today.Valid() {
		return Home{}, journal.Invalid("the date %q is not a date of the form YYYY-MM-DD", today)
	}
	var h Home
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		h.Total = getInt(b.meta, keyCount)
		h.Waiting = getInt(b.meta, keyWaiting)
		ts, err := tallies(b.tally, today.WeekStart(), today)
		if err != nil {
			return s.corrupt(err)
		}
		for d, t := range ts {
			h.Week += t.Nos
			if d == today {
				h.Today = t.Nos
			}
		}
		c := b.byFollowUp.Cursor()
		for k, _ := c.First(); k != nil && len(k) >= 10; k, _ = c.Next() {
			d := journal.Day(k[:10])
			if d > today {
				break
			}
			if d == today {
				h.FollowUpsDue++
			} else {
				h.FollowUpsOverdue++
			}
		}
		wc := b.waiting.Cursor()
		for k, _ := wc.Last(); k != nil && len(h.WaitingNos) < 5; k, _ = wc.Prev() {
			n, err := s.getNo(b, idOf(k))
			if err != nil {
				return err
			}
			h.WaitingNos = append(h.WaitingNos, n)
		}
		return nil
	})
	return h, wrapOp("read home", err)
}

// FollowUps are the No's with a follow-up not done and dated on or before
// to, by follow-up date then id.
func (s *Store) FollowUps(to journal.Day) ([]journal.No, error) {
	var out []journal.No
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		c := b.byFollowUp.Cursor()
		for k, _ := c.First(); k != nil && len(k) == 18; k, _ = c.Next() {
			if to != "" && journal.Day(k[:10]) > to {
				break
			}
			n, err := s.getNo(b, idOf(k))
			if err != nil {
				return err
			}
			out = append(out, n)
		}
		return nil
	})
	return out, wrapOp("list follow-ups", err)
}

// Tallies are the per-day aggregates from..to (inclusive; "" is open).
func (s *Store) Tallies(from, to journal.Day) (map[journal.Day]tally.Day, error) {
	var out map[journal.Day]tally.Day
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var err error
		if out, err = tallies(b.tally, from, to); err != nil {
			return s.corrupt(err)
		}
		return nil
	})
	return out, wrapOp("read tallies", err)
}

func tallies(bk *bolt.Bucket, from, to journal.Day) (map[journal.Day]tally.Day, error) {
	out := map[journal.Day]tally.Day{}
	err := dateRange(bk, from, to, func(d journal.Day, v []byte) error {
		var t tally.Day
		if err := decode(v, &t); err != nil {
			return fmt.Errorf("tally of %s: %w", d, err)
		}
		out[d] = t
		return nil
	})
	return out, err
}

// dateRange visits the keys of a date-keyed bucket from..to, oldest first.
func dateRange(bk *bolt.Bucket, from, to journal.Day, fn func(journal.Day, []byte) error) error {
	c := bk.Cursor()
	var k, v []byte
	if from != "" {
		k, v = c.Seek([]byte(from))
	} else {
		k, v = c.First()
	}
	for ; k != nil; k, v = c.Next() {
		d := journal.Day(k)
		if to != "" && d > to {
			break
		}
		if err := fn(d, v); err != nil {
			return err
		}
	}
	return nil
}
