package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// The row types live in journal so screens can name them without importing
// the store; these aliases keep the store's own code and its callers as
// they read.
type (
	Query       = journal.Query
	Cursor      = journal.Cursor
	Row         = journal.Row
	Rows        = journal.Rows
	FollowUpRow = journal.FollowUpRow
	Home        = journal.Home
)

// rowBuf holds a query's rows compactly: each row is its by_day key and
// value back to back in one buffer (about 60 bytes a row), so even a
// listing of the whole journal stays small, and no lock is held while it
// is printed. journal.Rows decodes a row when asked (at).
type rowBuf struct {
	buf  []byte
	ends []int // ends[i] is where row i ends in buf
}

// at is row i. Its strings share the buffer's memory (which never changes).
func (r *rowBuf) at(i int) Row {
	start := 0
	if i > 0 {
		start = r.ends[i-1]
	}
	e := r.buf[start:r.ends[i]]
	row, _ := dayRowWith(journal.Day(unsafeString(e[:10])), binary.BigEndian.Uint64(e[10:18]), e[18:], unsafeString)
	return row
}

// unsafeString is b as a string without a copy: only for bytes that are
// never changed afterwards (a rowBuf's buffer).
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func (r *rowBuf) add(key, value []byte) {
	r.buf = append(append(r.buf, key...), value...)
	r.ends = append(r.ends, len(r.buf))
}

// ListRows is ListNos for lists: the same query, order and cursor, but each
// No is the row its by_day value holds, so no No is decoded (a value in an
// older layout is completed from the No).
func (s *Store) ListRows(q Query) (*Rows, *Cursor, error) {
	if err := checkQuery(q); err != nil {
		return nil, nil, err
	}
	rows := &rowBuf{}
	var next *Cursor
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var cands []cand
		cands, next = s.plan(b, q)
		rows.ends = make([]int, 0, len(cands))
		rows.buf = make([]byte, 0, 64*len(cands))
		w := walker{c: b.byDay.Cursor()}
		var kb [18]byte
		for _, c := range cands {
			k := binary.BigEndian.AppendUint64(append(kb[:0], c.date...), c.id)
			v := w.get(k)
			if !completeRow(v) {
				n, err := s.getNo(b, c.id)
				if err != nil {
					return err
				}
				v = dayValue(&n)
			}
			rows.add(k, v)
		}
		return nil
	})
	if err != nil {
		return nil, nil, wrapOp("list No's", err)
	}
	return journal.NewRows(len(rows.ends), rows.at), next, nil
}

// CountRows is how many No's q lists in all, within its dates and cursors
// (Before, After) but whatever its Limit: the counter for the whole
// journal, the word postings for a search (one by_day read a match only
// with an exact filter), otherwise a walk of by_day's keys, no No decoded.
// After alone counts the rows above a row: its place in the listing.
func (s *Store) CountRows(q Query) (int, error) {
	if err := checkQuery(q); err != nil {
		return 0, err
	}
	q.Oldest, q.Limit = false, 0
	var n int
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		f := s.filtersOf(b, q)
		q := withTagWords(q)
		if exact, prefix := queryTerms(q.Text); prefix != "" {
			keys := searchKeys(b, exact, prefix, q)
			if f.none() {
				n = len(keys)
				return nil
			}
			for _, k := range keys {
				dn, id := unpack(k)
				if f.pass(id, b.byDay.Get(dayIDKey(dayOfNum(dn), id))) {
					n++
				}
			}
			return nil
		}
		if q.From == "" && q.To == "" && q.Before == nil && q.After == nil && f.none() {
			n = getInt(b.meta, keyCount)
			return nil
		}
		scanAsc(b.byDay, lowerBound(q), upperBound(q), func(_ journal.Day, id uint64, v []byte) bool {
			if f.pass(id, v) {
				n++
			}
			return true
		})
		return nil
	})
	return n, wrapOp("count No's", err)
}

// walker reads keys that come in descending order (a page of rows, newest
// first) with one cursor: a key a few entries below the last is reached by
// stepping back within the page instead of a search from the root.
type walker struct {
	c   *bolt.Cursor
	k   []byte
	v   []byte
	pos bool
}

// get is the value of key, nil when missing.
func (w *walker) get(key []byte) []byte {
	if w.pos {
		for range 16 {
			switch cmp := bytes.Compare(w.k, key); {
			case cmp == 0:
				return w.v
			case cmp < 0:
				return nil // passed it: missing
			}
			if w.k, w.v = w.c.Prev(); w.k == nil {
				w.pos = false
				break
			}
		}
	}
	w.k, w.v = w.c.Seek(key)
	w.pos = w.k != nil
	if w.pos && bytes.Equal(w.k, key) {
		return w.v
	}
	return nil
}

// FollowUpRows are the follow-ups not done and due on or before to ("": all),
// by due date then id, as FollowUps but without decoding a No.
func (s *Store) FollowUpRows(to journal.Day) ([]FollowUpRow, error) {
	var out []FollowUpRow
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		c := b.byFollowUp.Cursor()
		for k, v := c.First(); k != nil && len(k) == 18; k, v = c.Next() {
			if to != "" && journal.Day(k[:10]) > to {
				break
			}
			r, err := s.followUpRowAt(b, k, v)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, wrapOp("list follow-ups", err)
}

// GetNos reads the No's with these ids, in one read; ids with no No
// (deleted since they were listed) are left out.
func (s *Store) GetNos(ids []uint64) ([]journal.No, error) {
	out := make([]journal.No, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		for _, id := range ids {
			n, err := s.getNo(b, id)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			out = append(out, n)
		}
		return nil
	})
	return out, wrapOp("read No's", err)
}
