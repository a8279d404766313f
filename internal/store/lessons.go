package store

import (
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// The prep card's lessons are read through by_day, newest first, with
// caps: at most lessonScan entries (a list row each, no decoding: its
// mode and reason are in the row) and at most lessonDecodes No's decoded
// (those of the mode with the same reason, or any reason when the kind
// may match), so the card costs the same at 10k and at 1M No's. Lessons
// older than that window are not shown: the card wants recent ones.
const (
	lessonScan    = 5000
	lessonDecodes = 400
)

// SimilarLessons returns up to limit lessons of the No's of mode with the
// same reason or the same kind (either may be empty), newest first, each
// text once, leaving out the No's of exclude (the prospect prepared for:
// their own No's are on the card already). See lessonScan for its bounds.
func (s *Store) SimilarLessons(mode, reason string, kind journal.Kind, exclude string, limit int) ([]journal.Lesson, error) {
	if limit <= 0 || (reason == "" && kind == "") {
		return nil, nil
	}
	var out []journal.Lesson
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		seen := map[string]bool{}
		c := b.byDay.Cursor()
		scanned, decoded := 0, 0
		for k, v := c.Last(); k != nil && scanned < lessonScan && decoded < lessonDecodes && len(out) < limit; k, v = c.Prev() {
			scanned++
			_, r, m := dayFields(v)
			if string(m) != mode {
				continue
			}
			sameReason := reason != "" && string(r) == reason
			if !sameReason && kind == "" {
				continue
			}
			if exclude != "" && SameWho(whoOfRow(v), exclude) {
				continue
			}
			if _, k := splitWhoKind(dayWho(v)); !sameReason && k != nil && string(k) != string(kind) {
				continue // the row says its kind: not one to decode
			}
			decoded++
			n, err := s.getNo(b, idOf(k))
			if err != nil {
				return err
			}
			same := "reason"
			if !sameReason {
				if n.Kind != kind {
					continue
				}
				same = "kind"
			}
			l := strings.TrimSpace(n.Lesson)
			key := strings.ToLower(strings.Join(strings.Fields(l), " "))
			if l == "" || seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, journal.Lesson{ID: n.ID, Date: n.Date, Who: n.Who, Reason: n.Reason, Kind: n.Kind, Lesson: l, Same: same})
		}
		return nil
	})
	return out, wrapOp("read lessons", err)
}

// whoOfRow is the who of a by_day value.
func whoOfRow(v []byte) string {
	who, _ := splitWhoKind(dayWho(v))
	return string(who)
}
