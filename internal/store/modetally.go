package store

import (
	"bytes"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// The day and month tallies are keyed mode 0x00 date ("YYYY-MM-DD", resp.
// "YYYY-MM") from schema 5: each mode counts only its own No's, and one
// mode's range is contiguous, so reading a mode's months never reads
// another mode's keys. A mode id never holds a 0x00 (journal.Validate).

// tallyKey is the day tally key of a No of mode on day d.
func tallyKey(mode string, d journal.Day) string { return mode + "\x00" + string(d) }

// monthKey is the month tally key of a No of mode on day d.
func monthKey(mode string, d journal.Day) string { return mode + "\x00" + monthOf(d) }

// splitTallyKey returns a tally key's mode and date; ok is false for a
// malformed key.
func splitTallyKey(k []byte) (mode string, date journal.Day, ok bool) {
	i := bytes.IndexByte(k, 0)
	if i < 0 {
		return "", "", false
	}
	return string(k[:i]), journal.Day(k[i+1:]), true
}

// showTallyKey names a tally key in a message: "sales 2026-05-05" (the
// date alone for a No without a mode, which only tests write).
func showTallyKey(k string) string {
	if m, d, ok := splitTallyKey([]byte(k)); ok && m == "" {
		return string(d)
	} else if ok {
		return m + " " + string(d)
	}
	return fmt.Sprintf("%q", k)
}

// modeRange visits the tallies of mode dated from..to (inclusive; "" is
// open), oldest first. mode "" visits every mode's, one mode's range after
// another: a seek per mode, so a narrow range costs a few reads whatever
// the journal holds.
func modeRange(bk *bolt.Bucket, mode string, from, to journal.Day, fn func(mode string, d journal.Day, v []byte) error) error {
	c := bk.Cursor()
	one := func(m string) (next []byte, err error) {
		prefix := m + "\x00"
		k, v := c.Seek([]byte(prefix + string(from)))
		for ; k != nil && strings.HasPrefix(string(k), prefix); k, v = c.Next() {
			d := journal.Day(k[len(prefix):])
			if to != "" && d > to {
				break
			}
			if err := fn(m, d, v); err != nil {
				return nil, err
			}
		}
		// The next mode's keys start after prefix's last possible key.
		return append([]byte(m), 1), nil
	}
	if mode != "" {
		_, err := one(mode)
		return err
	}
	for k, _ := c.First(); k != nil; {
		m, _, ok := splitTallyKey(k)
		if !ok {
			return fmt.Errorf("a tally has the malformed key %q", k)
		}
		next, err := one(m)
		if err != nil {
			return err
		}
		k, _ = c.Seek(next)
	}
	return nil
}

// sumTallies reads the tallies of mode from..to into a map by date, summing
// the modes when mode is "".
func sumTallies(bk *bolt.Bucket, mode string, from, to journal.Day) (map[journal.Day]tally.Day, error) {
	out := map[journal.Day]tally.Day{}
	err := modeRange(bk, mode, from, to, func(m string, d journal.Day, v []byte) error {
		var t tally.Day
		if err := decodeTally(v, &t); err != nil {
			return fmt.Errorf("tally of %s %s: %w", m, d, err)
		}
		if have, ok := out[d]; ok {
			have.Merge(&t)
			t = have
		}
		out[d] = t
		return nil
	})
	return out, err
}
