package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// FollowUpRowsPage is FollowUpRows a page at a time: at most limit rows due
// on or before to ("": all), by due date then id, after the cursor (nil:
// from the first), and the cursor that continues (nil at the end). A list
// of any length is printed or streamed with one page in memory.
func (s *Store) FollowUpRowsPage(to journal.Day, after *Cursor, limit int) ([]FollowUpRow, *Cursor, error) {
	if limit <= 0 {
		return nil, nil, fmt.Errorf("list follow-ups: a page of %d rows", limit)
	}
	if after != nil && !after.Date.Valid() {
		return nil, nil, fmt.Errorf("list follow-ups: bad cursor date %q", after.Date)
	}
	var out []FollowUpRow
	var next *Cursor
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		c := b.byFollowUp.Cursor()
		k, v := c.First()
		if after != nil {
			k, v = c.Seek(append(dayIDKey(after.Date, after.ID), 0)) // just past the cursor's key
		}
		for ; k != nil && len(k) == 18; k, v = c.Next() {
			if to != "" && journal.Day(k[:10]) > to {
				break
			}
			if len(out) == limit {
				last := out[len(out)-1]
				next = &Cursor{Date: last.Due, ID: last.ID}
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
	return out, next, wrapOp("list follow-ups", err)
}

// FollowUpCounts counts the open follow-ups overdue, due today, due in the
// days after today and more than late days late, from the counters: a read
// per follow-up date ahead and per date more than late days back, however
// many follow-ups there are.
func (s *Store) FollowUpCounts(today journal.Day, days, late int) (journal.FollowUpCounts, error) {
	var fc journal.FollowUpCounts
	if !today.Valid() {
		return fc, journal.Invalid("the date %q is not a date of the form YYYY-MM-DD", today)
	}
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var err error
		fc, err = s.followUpCounts(b, today, days, late)
		return err
	})
	return fc, wrapOp("count follow-ups", err)
}

// followUpCounts is FollowUpCounts inside a transaction.
func (s *Store) followUpCounts(b *buckets, today journal.Day, days, late int) (journal.FollowUpCounts, error) {
	var fc journal.FollowUpCounts
	count := func(d journal.Day, v []byte) (int, error) {
		n, err := readU32(v)
		if err != nil {
			return 0, s.corrupt(fmt.Errorf("follow_up_days of %s: %w", d, err))
		}
		return n, nil
	}
	ahead := 0
	err := dateRange(b.fuDays, today, "", func(d journal.Day, v []byte) error {
		n, err := count(d, v)
		switch {
		case d == today:
			fc.Today = n
		case d <= today.AddDays(days):
			fc.Upcoming += n
		}
		ahead += n
		return err
	})
	if err != nil {
		return fc, err
	}
	fc.Overdue = max(0, getInt(b.meta, keyFollowUps)-ahead)
	err = dateRange(b.fuDays, "", today.AddDays(-late-1), func(d journal.Day, v []byte) error {
		n, err := count(d, v)
		fc.LongLate += n
		return err
	})
	return fc, err
}

// CountFollowUpsAtOpen has Open's own read of the file count the
// follow-ups as FollowUpCounts would (FollowUpCountsAtOpen), so that
// `rebound followups --due --count`, run by a shell prompt on every line,
// opens the journal once, as `rebound --version` opens nothing.
func CountFollowUpsAtOpen(today journal.Day, days, late int) Option {
	return func(s *Store) { s.countAt = &countAt{today: today, days: days, late: late} }
}

type countAt struct {
	today      journal.Day
	days, late int
	counts     journal.FollowUpCounts
	ok         bool
}

// FollowUpCountsAtOpen are the counts Open read; ok is false when it did
// not (a new or upgraded journal, a count that failed): ask FollowUpCounts.
func (s *Store) FollowUpCountsAtOpen() (journal.FollowUpCounts, bool) {
	if s.countAt == nil {
		return journal.FollowUpCounts{}, false
	}
	return s.countAt.counts, s.countAt.ok
}

// countFollowUpsAtOpen is CountFollowUpsAtOpen's read, in Open's.
func (s *Store) countFollowUpsAtOpen(tx *bolt.Tx) {
	c := s.countAt
	if c == nil || !c.today.Valid() {
		return
	}
	b, err := s.load(tx)
	if err != nil {
		return
	}
	if c.counts, err = s.followUpCounts(b, c.today, c.days, c.late); err == nil {
		c.ok = true
	}
}

// QuickFollowUpCounts is FollowUpCounts on the journal at path with one
// read-only open and nothing else (no header check, no settings, no
// permission check): what a shell prompt runs on every line. ok is false
// when the file is not a current journal as it is (missing, empty, older
// or newer, not a journal): then Open it, which says why or upgrades it.
func QuickFollowUpCounts(path string, today journal.Day, days, late int) (fc journal.FollowUpCounts, ok bool) {
	if !today.Valid() {
		return fc, false
	}
	s := &Store{path: path, timeout: DefaultTimeout}
	err := s.withDB(true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			if st := readSchema(tx); st.fresh || st.version != currentSchema {
				return errNotCurrent
			}
			b, missing := bind(tx)
			if missing != nil {
				return errNotCurrent
			}
			var err error
			fc, err = s.followUpCounts(b, today, days, late)
			return err
		})
	})
	return fc, err == nil
}

var errNotCurrent = errors.New("not a current journal")

// followUpRowAt reads the by_follow_up entry k, v: from its value, or from
// the No when the value cannot be read (Check reports it), with the No's
// mode from its list row when the value predates it (schema 6's v1).
func (s *Store) followUpRowAt(b *buckets, k, v []byte) (FollowUpRow, error) {
	r, ok := followUpRow(k, v)
	if !ok {
		n, err := s.getNo(b, idOf(k))
		if err != nil {
			return r, err
		}
		if r, ok = followUpRow(k, followUpValue(&n)); !ok {
			return r, s.corrupt(fmt.Errorf("the follow-up of No %d cannot be read", n.ID))
		}
	}
	if r.Mode == "" { // a v1 value (or a No without a mode)
		r.Mode = rowMode(b, r.Date, r.ID)
	}
	return r, nil
}
