package store

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

type cand struct {
	date journal.Day
	id   uint64
}

// ListNos returns No's newest first by (date, id), with a cursor for the
// next page when more follow. Only the No's returned are decoded: the work
// is done on index keys, so a page costs the same in a journal of 100 or
// 100,000 No's (a text search costs what its words match).
func (s *Store) ListNos(q Query) ([]journal.No, *Cursor, error) {
	if err := checkQuery(q); err != nil {
		return nil, nil, err
	}
	var out []journal.No
	var next *Cursor
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var cands []cand
		cands, next = s.plan(b, q)
		out = make([]journal.No, 0, len(cands))
		for _, c := range cands {
			n, err := s.getNo(b, c.id)
			if err != nil {
				return err
			}
			out = append(out, n)
		}
		return nil
	})
	if err != nil {
		return nil, nil, wrapOp("list No's", err)
	}
	return out, next, nil
}

// checkQuery refuses malformed dates before any read.
func checkQuery(q Query) error {
	for _, d := range []journal.Day{q.From, q.To} {
		if d != "" && !d.Valid() {
			return journal.Invalid("the date %q is not a date of the form YYYY-MM-DD", d)
		}
	}
	for _, c := range []*Cursor{q.Before, q.After} {
		if c != nil && !c.Date.Valid() {
			return fmt.Errorf("list No's: bad cursor date %q", c.Date)
		}
	}
	return nil
}

// filters are the field filters of a query: outcome, reason, mode, who
// and kind are checked on by_day values; a tag, which by_day does not
// hold, reads the No (deep), only once every other filter has passed.
type filters struct {
	outcome, reason, mode, kind string
	who                         string // folded
	deep                        func(id uint64) bool
}

// filtersOf are q's filters; a tag filter reads No's through b.
func (s *Store) filtersOf(b *buckets, q Query) filters {
	f := filters{outcome: q.Outcome, reason: q.Reason, mode: q.Mode, kind: strings.TrimSpace(q.Kind),
		who: fold(strings.TrimSpace(q.Who))}
	if tag := strings.TrimSpace(q.Tag); tag != "" {
		f.deep = func(id uint64) bool {
			n, err := s.getNo(b, id)
			if err != nil {
				return false // a No that cannot be read matches nothing; doctor says why
			}
			return slices.ContainsFunc(n.Tags, func(t string) bool { return strings.EqualFold(t, tag) })
		}
	}
	return f
}

// withTagWords narrows a tag filter through the search postings: tags are
// indexed words, so only the No's holding the tag's words are read to
// check the tag itself. A tag with a word too short or common to be
// indexed is checked on every candidate instead.
func withTagWords(q Query) Query {
	ws := words(q.Tag)
	if len(ws) == 0 || slices.ContainsFunc(ws, func(w string) bool { return !indexed(w) }) {
		return q
	}
	q.Text = strings.TrimSpace(q.Text + " " + strings.Join(ws, " "))
	return q
}

func (f filters) none() bool {
	return f.outcome == "" && f.reason == "" && f.mode == "" && f.kind == "" && f.who == "" && f.deep == nil
}

// match reports whether a by_day value passes the filters it holds.
func (f filters) match(v []byte) bool {
	o, r, m := dayFields(v)
	if f.outcome != "" && string(o) != f.outcome || f.reason != "" && string(r) != f.reason ||
		f.mode != "" && string(m) != f.mode {
		return false
	}
	if f.who == "" && f.kind == "" {
		return true
	}
	who, kind := splitWhoKind(dayWho(v))
	return (f.who == "" || strings.Contains(fold(string(who)), f.who)) && (f.kind == "" || string(kind) == f.kind)
}

// pass reports whether the No id, with by_day value v, passes every filter.
func (f filters) pass(id uint64, v []byte) bool {
	return f.match(v) && (f.deep == nil || f.deep(id))
}

// dayWho is the last part of a by_day value (after its five other
// fields): who, then the kind (splitWhoKind).
func dayWho(v []byte) []byte {
	for range 5 {
		j := bytes.IndexByte(v, 0)
		if j < 0 {
			return nil
		}
		v = v[j+1:]
	}
	return v
}

// plan picks the page's (date, id) pairs from the indexes: a text search
// intersects word postings; otherwise a cursor on by_day walks from one end
// (newest first, or oldest first for After and Oldest), checking the exact
// filters (reason, outcome, mode) on the by_day values, until the page is
// full. The page comes back newest first, with the cursor that continues
// the walk (nil when it reached the end): its oldest row for a walk down,
// its newest for a walk up.
func (s *Store) plan(b *buckets, q Query) ([]cand, *Cursor) {
	f := s.filtersOf(b, q)
	q = withTagWords(q)
	want := q.Limit + 1 // one extra tells whether another page follows
	up := q.After != nil || q.Oldest
	var cands []cand
	collect := func(d journal.Day, id uint64, v []byte) bool {
		if f.pass(id, v) {
			cands = append(cands, cand{d, id})
		}
		return q.Limit <= 0 || len(cands) < want
	}
	switch exact, prefix := queryTerms(q.Text); {
	case prefix != "":
		cands = search(b, exact, prefix, q, f, want)
	case up:
		scanAsc(b.byDay, lowerBound(q), upperBound(q), collect)
	default:
		if q.Limit <= 0 && q.From == "" && q.To == "" && f.none() {
			// The whole journal: one allocation, not a doubling series of them.
			cands = make([]cand, 0, getInt(b.meta, keyCount))
		}
		scanDesc(b.byDay, upperBound(q), q.From, collect)
	}
	more := q.Limit > 0 && len(cands) > q.Limit
	if more {
		cands = cands[:q.Limit]
	}
	if up {
		slices.Reverse(cands) // walked oldest first; a page is newest first
	}
	if !more || len(cands) == 0 {
		return cands, nil
	}
	at := cands[len(cands)-1]
	if up {
		at = cands[0]
	}
	return cands, &Cursor{Date: at.date, ID: at.id}
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

// lowerBound is the inclusive (date, id) bound from From and After.
func lowerBound(q Query) []byte {
	var l []byte
	if q.From != "" {
		l = []byte(q.From)
	}
	if q.After != nil {
		// The key just above After's: its bytes and a zero byte.
		if c := append(dayIDKey(q.After.Date, q.After.ID), 0); l == nil || bytes.Compare(c, l) > 0 {
			l = c
		}
	}
	return l
}

// scanDesc walks by_day keys (date+id) below upper, newest first, down to
// from (inclusive), until fn returns false; fn gets the by_day value.
func scanDesc(bk *bolt.Bucket, upper []byte, from journal.Day, fn func(journal.Day, uint64, []byte) bool) {
	seek := upper
	if upper == nil {
		seek = []byte{0xff} // past every date (dates are ASCII)
	}
	c := bk.Cursor()
	k, v := c.Seek(seek)
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	for i := 1; k != nil; k, v = c.Prev() {
		if i++; i%trimStride == 0 {
			trimNow(bk.Tx().DB()) // a walk of the whole journal (see trimMapped)
		}
		if len(k) != 18 {
			continue
		}
		d := journal.Day(k[:10])
		if from != "" && d < from {
			return
		}
		if !fn(d, idOf(k), v) {
			return
		}
	}
}

// scanAsc walks by_day keys (date+id) from lower (inclusive) up to upper
// (exclusive; nil: to the end), oldest first, until fn returns false.
func scanAsc(bk *bolt.Bucket, lower, upper []byte, fn func(journal.Day, uint64, []byte) bool) {
	c := bk.Cursor()
	k, v := c.First()
	if lower != nil {
		k, v = c.Seek(lower)
	}
	for i := 1; k != nil && (upper == nil || bytes.Compare(k, upper) < 0); k, v = c.Next() {
		if i++; i%trimStride == 0 {
			trimNow(bk.Tx().DB())
		}
		if len(k) != 18 {
			continue
		}
		if !fn(journal.Day(k[:10]), idOf(k), v) {
			return
		}
	}
}

// latest is the newest n No's (for tests).
func (s *Store) latest(n int) ([]journal.No, error) {
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

// YesCount is the number of No's whose outcome is yes, from the counter in
// meta (from the month tallies in a journal written before the counter).
func (s *Store) YesCount() (int, error) {
	var n int
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var ok bool
		if n, ok = getIntOK(b.meta, keyYes); ok {
			return nil
		}
		n = 0
		return modeRange(b.months, "", "", "", func(mode string, m journal.Day, v []byte) error {
			var t tally.Day
			if err := decodeTally(v, &t); err != nil {
				return s.corrupt(fmt.Errorf("tally of %s %s: %w", mode, m, err))
			}
			n += t.Outcomes[string(journal.OutcomeYes)]
			return nil
		})
	})
	return n, wrapOp("count yeses", err)
}

// Home reads the home screen's numbers: counters, the count of each day of
// this week, the follow-ups due or overdue (counters) and the five newest
// waiting No's: a few dozen keys whatever the journal holds.
func (s *Store) Home(today journal.Day) (Home, error) {
	if !today.Valid() {
		return Home{}, journal.Invalid("the date %q is not a date of the form YYYY-MM-DD", today)
	}
	var h Home
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		h.Total = getInt(b.meta, keyCount)
		h.Waiting = getInt(b.meta, keyWaiting)
		// Every mode: the person's week. Only each day's count is read.
		err := modeRange(b.tally, "", today.WeekStart(), today, func(m string, d journal.Day, v []byte) error {
			var t tally.Day
			if err := addTallyInts(v, &t); err != nil {
				return s.corrupt(fmt.Errorf("tally of %s %s: %w", m, d, err))
			}
			h.Week += t.Nos
			if d == today {
				h.Today += t.Nos
			}
			return nil
		})
		if err != nil {
			return err
		}
		// The follow-ups from counters: those due today and later counted
		// per date (a few dozen dates ahead at most), the overdue the rest.
		future := 0
		err = dateRange(b.fuDays, today, "", func(d journal.Day, v []byte) error {
			n, err := readU32(v)
			if err != nil {
				return s.corrupt(fmt.Errorf("follow_up_days of %s: %w", d, err))
			}
			if d == today {
				h.FollowUpsDue = n
			} else {
				future += n
			}
			return nil
		})
		if err != nil {
			return err
		}
		h.FollowUpsOverdue = max(0, getInt(b.meta, keyFollowUps)-h.FollowUpsDue-future)
		for _, id := range newestWaiting(b, 5) {
			n, err := s.getNo(b, id)
			if err != nil {
				return err
			}
			h.WaitingNos = append(h.WaitingNos, n)
		}
		return nil
	})
	return h, wrapOp("read home", err)
}

// newestWaiting are the ids of the n waiting No's with the latest dates
// (then the highest ids), newest first: the waiting bucket is keyed by
// date and id, so they are its last n keys, whatever the journal holds. A
// No logged today about last month's call sorts under last month.
func newestWaiting(b *buckets, n int) []uint64 {
	ids := make([]uint64, 0, n)
	wc := b.waiting.Cursor()
	for k, _ := wc.Last(); k != nil && len(ids) < n; k, _ = wc.Prev() {
		if len(k) == 18 {
			ids = append(ids, idOf(k))
		}
	}
	return ids
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

// Tallies are the per-day aggregates of the No's of mode dated from..to
// (inclusive; "" is open). Each mode counts only its own No's; mode ""
// sums every mode (what is about the person: active days, today's No's).
func (s *Store) Tallies(mode string, from, to journal.Day) (map[journal.Day]tally.Day, error) {
	var out map[journal.Day]tally.Day
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		var err error
		if out, err = sumTallies(b.tally, mode, from, to); err != nil {
			return s.corrupt(err)
		}
		return nil
	})
	return out, wrapOp("read tallies", err)
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

// MonthTallies are the per-month aggregates ("YYYY-MM") of the No's of mode
// from..to (inclusive; "" is open; mode "" sums every mode), kept with every
// write like the day tallies: a period of years costs a few dozen small
// reads, and one mode's months never read another mode's keys.
func (s *Store) MonthTallies(mode string, from, to string) (map[string]tally.Day, error) {
	out := map[string]tally.Day{}
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		ts, err := sumTallies(b.months, mode, journal.Day(from), journal.Day(to))
		if err != nil {
			return s.corrupt(err)
		}
		for m, t := range ts {
			out[string(m)] = t
		}
		return nil
	})
	return out, wrapOp("read month tallies", err)
}

// ReframedDays counts the reframed No's dated on each day from..to
// (inclusive; "" is open); days without one are left out. It reads a
// 4-byte count per day, no tally and no No.
func (s *Store) ReframedDays(from, to journal.Day) (map[journal.Day]int, error) {
	return s.dayCounts("read reframed days", bucketReframedDays, from, to)
}

// ReflectionDays are the reflection sessions saved per day from..to
// (inclusive; "" is open), without reading the reflections.
func (s *Store) ReflectionDays(from, to journal.Day) (map[journal.Day]int, error) {
	return s.dayCounts("read reflection days", bucketReflectionDays, from, to)
}

func (s *Store) dayCounts(op string, name []byte, from, to journal.Day) (map[journal.Day]int, error) {
	out := map[journal.Day]int{}
	err := s.view(func(tx *bolt.Tx, _ *buckets) error {
		return dateRange(tx.Bucket(name), from, to, func(d journal.Day, v []byte) error {
			n, err := readU32(v)
			if err != nil {
				return s.corrupt(fmt.Errorf("%s of %s: %w", name, d, err))
			}
			out[d] = n
			return nil
		})
	})
	return out, wrapOp(op, err)
}
