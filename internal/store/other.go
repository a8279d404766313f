package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// SaveReflection stores the day's reflection, merging it into one already
// saved for that date (a second session adds to the first), and returns
// what is stored.
func (s *Store) SaveReflection(r journal.Reflection) (journal.Reflection, error) {
	journal.NormaliseText(&r)
	if err := r.CheckLimits(); err != nil {
		return r, err
	}
	var out journal.Reflection
	err := s.update(func(_ *bolt.Tx, b *buckets) error {
		cur, ok, err := getReflection(b, r.Date)
		if err != nil {
			return s.corrupt(err)
		}
		if ok {
			cur.Merge(r)
			if err := cur.CheckLimits(); err != nil {
				return fmt.Errorf("with the reflection already saved for %s: %w", r.Date, err)
			}
		} else {
			cur = r
		}
		out = cur
		return putReflection(b, &cur)
	})
	return out, wrapOp("save reflection", err)
}

func getReflection(b *buckets, d journal.Day) (journal.Reflection, bool, error) {
	var r journal.Reflection
	v := b.reflections.Get([]byte(d))
	if v == nil {
		return r, false, nil
	}
	if err := decode(v, &r); err != nil {
		return r, false, fmt.Errorf("reflection of %s: %w", d, err)
	}
	return r, true, nil
}

// putReflection stores a day's reflection and its session count.
func putReflection(b *buckets, r *journal.Reflection) error {
	if err := putValue(b.reflections, []byte(r.Date), r); err != nil {
		return err
	}
	return b.reflectionDays.Put([]byte(r.Date), u32(sessions(r)))
}

// sessions counts the sessions a stored reflection holds that make its day
// active (a single session leaves Sessions 0): none when nothing was
// written (journal.Reflection.ActiveSessions).
func sessions(r *journal.Reflection) int { return r.ActiveSessions() }

func putValue(bk *bolt.Bucket, key []byte, v any) error {
	val, err := encode(v)
	if err != nil {
		return err
	}
	return bk.Put(key, val)
}

// Reflection is the reflection saved for d, if any.
func (s *Store) Reflection(d journal.Day) (journal.Reflection, bool, error) {
	var r journal.Reflection
	var ok bool
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var err error
		if r, ok, err = getReflection(b, d); err != nil {
			return s.corrupt(err)
		}
		return nil
	})
	return r, ok, wrapOp("read reflection", err)
}

// Reflections from..to (inclusive; "" is open), oldest first.
func (s *Store) Reflections(from, to journal.Day) ([]journal.Reflection, error) {
	var out []journal.Reflection
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		return dateRange(b.reflections, from, to, func(d journal.Day, v []byte) error {
			var r journal.Reflection
			if err := decode(v, &r); err != nil {
				return s.corrupt(fmt.Errorf("reflection of %s: %w", d, err))
			}
			out = append(out, r)
			return nil
		})
	})
	return out, wrapOp("read reflections", err)
}

// AddWin stores a yes that did not start as a No. It sets ID, CreatedAt
// (now, UTC) and a missing Date (today).
func (s *Store) AddWin(w *journal.Win, now time.Time) error {
	c := *w
	journal.NormaliseText(&c)
	now = now.UTC()
	if c.Date == "" {
		c.Date = journal.Today(now)
	}
	if err := checkWin(&c); err != nil {
		return err
	}
	c.CreatedAt = now
	err := s.update(func(_ *bolt.Tx, b *buckets) error { return putWin(b, &c) })
	if err != nil {
		return wrapOp("add win", err)
	}
	*w = c
	return nil
}

// checkWin applies the limits every way in shares (journal.Win.Validate).
func checkWin(w *journal.Win) error { return w.Validate(nil) }

// putWin gives w a new id and counts it in win_days, in the caller's tx.
func putWin(b *buckets, w *journal.Win) error {
	id, err := b.wins.NextSequence()
	if err != nil {
		return err
	}
	w.ID = id
	if err := putValue(b.wins, idKey(id), w); err != nil {
		return err
	}
	return addInt(b.winDays, []byte(w.Date), 1)
}

// Wins are all wins, in the order they were logged. (Wins are few: one per
// yes that did not start as a No.)
func (s *Store) Wins() ([]journal.Win, error) {
	var out []journal.Win
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var err error
		out, err = allWins(b)
		if err != nil {
			return s.corrupt(err)
		}
		return nil
	})
	return out, wrapOp("read wins", err)
}

func allWins(b *buckets) ([]journal.Win, error) {
	var out []journal.Win
	err := b.wins.ForEach(func(k, v []byte) error {
		var w journal.Win
		if err := decode(v, &w); err != nil {
			return fmt.Errorf("win %d: %w", idOf(k), err)
		}
		out = append(out, w)
		return nil
	})
	return out, err
}

// winDays counts wins per date from..to (inclusive; "" is open); the
// index is kept for checks and tests, no screen reads it yet.
func (s *Store) winDays(from, to journal.Day) (map[journal.Day]int, error) {
	out := map[journal.Day]int{}
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		return dateRange(b.winDays, from, to, func(d journal.Day, v []byte) error {
			var n int
			if _, err := fmt.Sscan(string(v), &n); err != nil {
				return s.corrupt(fmt.Errorf("win count of %s: %w", d, err))
			}
			out[d] = n
			return nil
		})
	})
	return out, wrapOp("read win days", err)
}

// SetRestDay marks (or unmarks) d as a planned rest day.
func (s *Store) SetRestDay(d journal.Day, rest bool) error {
	if !d.Valid() {
		return journal.Invalid("the date %q is not a date of the form YYYY-MM-DD", d)
	}
	err := s.update(func(_ *bolt.Tx, b *buckets) error {
		if rest {
			return b.restDays.Put([]byte(d), empty)
		}
		return b.restDays.Delete([]byte(d))
	})
	return wrapOp("set rest day", err)
}

// RestDays are every day marked as a rest day.
func (s *Store) RestDays() (map[journal.Day]bool, error) {
	out := map[journal.Day]bool{}
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		return b.restDays.ForEach(func(k, _ []byte) error {
			out[journal.Day(k)] = true
			return nil
		})
	})
	return out, wrapOp("read rest days", err)
}

// Settings are the saved settings, or journal.DefaultSettings() before any
// were saved.
func (s *Store) Settings() (journal.Settings, error) {
	st := journal.DefaultSettings()
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		if v := b.settings.Get(keySettings); v != nil {
			if err := decode(v, &st); err != nil {
				return s.corrupt(fmt.Errorf("settings: %w", err))
			}
		}
		return nil
	})
	return st, wrapOp("read settings", err)
}

// SettingsAtOpen are the settings as Open found them, for a command that
// runs once and exits; ok is false when Open did not read them (a new or
// migrated journal, unreadable settings), and Settings must be asked.
func (s *Store) SettingsAtOpen() (journal.Settings, bool) { return s.atOpen, s.atOpenOK }

func (s *Store) readSettingsAtOpen(tx *bolt.Tx) {
	st := journal.DefaultSettings()
	if b := tx.Bucket(bucketSettings); b != nil {
		if v := b.Get(keySettings); v != nil && decode(v, &st) != nil {
			return
		}
		s.atOpen, s.atOpenOK = st, true
	}
}

// SaveSettings replaces the settings.
func (s *Store) SaveSettings(st journal.Settings) error {
	journal.NormaliseText(&st)
	err := s.update(func(_ *bolt.Tx, b *buckets) error {
		return putValue(b.settings, keySettings, &st)
	})
	return wrapOp("save settings", err)
}
