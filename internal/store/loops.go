package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

var (
	referralKey = []byte(`"referral_from":`)
	keptKey     = []byte(`"intention_kept":"`)
	dateField   = []byte(`"date":"`)
	modeField   = []byte(`"mode":"`)
)

// Loops is what insights reads beside the tallies to close two loops:
// referralYes counts the wins of mode ("" every mode) dated from..to
// (inclusive; "" is open) that name a referral_from (each referral once,
// however many wins name it), and kept the reflections of from..to by
// intention_kept. A yes through a referral is counted when it came, like
// a win, not on the day of the No that named the referral: that would
// read one No per referral, at a page fault or more each in a large
// journal (45 of them cost 0.6 ms at 1M No's).
//
// Both are walks, bounded: wins are few (a yes that did not start as a
// No) and are searched for their referral_from, date and mode, not
// decoded; reflections are at most one a day, and each is searched for
// its intention_kept. Every value is JSON, where a key cannot occur
// inside a string (its quotes would be escaped), and neither a win nor a
// reflection nests an object with these keys.
func (s *Store) Loops(mode string, from, to journal.Day) (referralYes int, kept map[journal.IntentionKept]int, err error) {
	kept = map[journal.IntentionKept]int{}
	err = s.view(func(_ *bolt.Tx, b *buckets) error {
		seen := map[int64]bool{}
		err := b.wins.ForEach(func(k, v []byte) error {
			ref := referralFrom(v)
			if ref == 0 {
				return nil
			}
			day, m, ok := stringField(v, dateField), "", true
			if ref > 0 && mode != "" {
				m, ok = stringFieldOK(v, modeField)
			}
			if ref < 0 || !ok || !journal.Day(day).Valid() {
				var w journal.Win
				if err := decode(v, &w); err != nil {
					return s.corrupt(fmt.Errorf("win %d: %w", idOf(k), err))
				}
				ref, day, m = int64(w.ReferralFrom), string(w.Date), w.Mode
			}
			d := journal.Day(day)
			if ref == 0 || seen[ref] || (mode != "" && m != mode) || (from != "" && d < from) || (to != "" && d > to) {
				return nil
			}
			seen[ref] = true
			referralYes++
			return nil
		})
		if err != nil {
			return err
		}
		return dateRange(b.reflections, from, to, func(_ journal.Day, v []byte) error {
			if k, ok := stringFieldOK(v, keptKey); ok && k != "" {
				kept[journal.IntentionKept(k)]++
			}
			return nil
		})
	})
	return referralYes, kept, wrapOp("read referrals and intentions", err)
}

// referralFrom reads a stored win's referral_from without decoding it:
// 0 when it has none, -1 when the value is not as encode writes it (then
// the caller decodes it). The key cannot occur inside a string of the
// JSON (its quotes would be escaped), and a win has no nested object.
func referralFrom(v []byte) int64 {
	if len(v) == 0 || v[0] != valueV1 {
		return -1
	}
	i := bytes.Index(v, referralKey)
	if i < 0 {
		return 0
	}
	var n int64
	digits := 0
	for _, c := range v[i+len(referralKey):] {
		if c < '0' || c > '9' || digits == 18 {
			break
		}
		n = n*10 + int64(c-'0')
		digits++
	}
	if digits == 0 {
		return -1
	}
	return n
}

// stringFieldOK is the string value of key (`"name":"`) in a JSON value
// of encode's, without decoding it; ok is false when the key is missing
// or the value has an escape (then the caller decodes the value).
func stringFieldOK(v, key []byte) (string, bool) {
	i := bytes.Index(v, key)
	if i < 0 {
		return "", false
	}
	rest := v[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 || bytes.IndexByte(rest[:j], '\\') >= 0 {
		return "", false
	}
	return string(rest[:j]), true
}

func stringField(v, key []byte) string {
	s, _ := stringFieldOK(v, key)
	return s
}
