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
			if !bytes.Contains(v, referralKey) {
				return nil
			}
			var w journal.Win
			if err := decode(v, &w); err != nil {
				return s.corrupt(fmt.Errorf("win %d: %w", idOf(k), err))
			}
			if w.ReferralFrom == 0 || seen[w.ReferralFrom] {
				return nil
			}
			seen[w.ReferralFrom] = true
			nv := b.nos.Get(idKey(w.ReferralFrom))
			if nv == nil {
				return nil // the No was deleted; the win stays a win
			}
			var n journal.No
			if err := decodeNoValue(idKey(w.ReferralFrom), nv, &n); err != nil {
				return s.corrupt(fmt.Errorf("no %d: %w", w.ReferralFrom, err))
			}
			if (mode == "" || n.Mode == mode) && (from == "" || n.Date >= from) && (to == "" || n.Date <= to) {
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
