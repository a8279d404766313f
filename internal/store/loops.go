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
)

// Loops is what insights reads beside the tallies to close two loops:
// referralYes counts the No's of mode ("" every mode) dated from..to
// (inclusive; "" is open) that a win names as its referral_from (each No
// once, however many wins), and kept the reflections of from..to by
// intention_kept. Both are walks, bounded:
// wins are few (a yes that did not start as a No) and only those that
// name a referral are decoded, with the No they name; reflections are at
// most one a day, and each is searched for its intention_kept, not
// decoded (every value is JSON, where that key cannot occur inside a
// string: its quotes would be escaped).
func (s *Store) Loops(mode string, from, to journal.Day) (referralYes int, kept map[journal.IntentionKept]int, err error) {
	kept = map[journal.IntentionKept]int{}
	err = s.view(func(_ *bolt.Tx, b *buckets) error {
		seen := map[uint64]bool{}
		err := b.wins.ForEach(func(k, v []byte) error {
			ref := referralFrom(v)
			if ref < 0 {
				var w journal.Win
				if err := decode(v, &w); err != nil {
					return s.corrupt(fmt.Errorf("win %d: %w", idOf(k), err))
				}
				ref = int64(w.ReferralFrom)
			}
			id := uint64(ref)
			if id == 0 || seen[id] {
				return nil
			}
			seen[id] = true
			nv := b.nos.Get(idKey(id))
			if nv == nil {
				return nil // the No was deleted; the win stays a win
			}
			day, m, ok := noDayMode(nv)
			if !ok {
				var n journal.No
				if err := decodeNoValue(idKey(id), nv, &n); err != nil {
					return s.corrupt(fmt.Errorf("no %d: %w", id, err))
				}
				day, m = n.Date, n.Mode
			}
			if (mode == "" || m == mode) && (from == "" || day >= from) && (to == "" || day <= to) {
				referralYes++
			}
			return nil
		})
		if err != nil {
			return err
		}
		return dateRange(b.reflections, from, to, func(_ journal.Day, v []byte) error {
			i := bytes.Index(v, keptKey)
			if i < 0 {
				return nil
			}
			rest := v[i+len(keptKey):]
			if j := bytes.IndexByte(rest, '"'); j >= 0 {
				if k := journal.IntentionKept(rest[:j]); k != "" {
					kept[k]++
				}
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

var (
	dateKey   = []byte(`{"date":"`)
	modeField = []byte(`"mode":"`)
)

// noDayMode reads a stored No's date and mode without decoding it: a
// valueV2 No starts with its date, and its mode is the only "mode" key
// (outcome changes and debrief answers have none). ok is false for any
// other value; the caller decodes it then.
func noDayMode(v []byte) (day journal.Day, mode string, ok bool) {
	if len(v) < 1+len(dateKey)+10 || v[0] != valueV2 || !bytes.HasPrefix(v[1:], dateKey) {
		return "", "", false
	}
	day = journal.Day(v[1+len(dateKey) : 1+len(dateKey)+10])
	if i := bytes.Index(v, modeField); i >= 0 {
		rest := v[i+len(modeField):]
		j := bytes.IndexByte(rest, '"')
		if j < 0 || bytes.IndexByte(rest[:j], '\\') >= 0 {
			return "", "", false
		}
		mode = string(rest[:j])
	}
	return day, mode, day.Valid()
}
