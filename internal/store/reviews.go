package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// bucketReviews holds the weekly reviews: the week's first day -> Review
// (valueV1). It is user data, made when the first review is saved (a
// journal without reviews has none, and the schema does not change):
// doctor checks each review (checkReviews), export and import carry it, and the
// upgrade and --repair rewrite copy it as it is.
var bucketReviews = []byte("reviews")

// SaveReview stores r as its week's review, replacing one saved earlier
// for the same week (answering the question again changes the focus).
func (s *Store) SaveReview(r journal.Review) (journal.Review, error) {
	journal.NormaliseText(&r)
	if err := journal.CheckReview(&r); err != nil {
		return r, err
	}
	err := s.update(func(tx *bolt.Tx, _ *buckets) error {
		bk, err := tx.CreateBucketIfNotExists(bucketReviews)
		if err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketReviews, err)
		}
		return putValue(bk, []byte(r.Week), &r)
	})
	return r, wrapOp("save review", err)
}

// Review is the review saved for the week that starts on week, if any.
func (s *Store) Review(week journal.Day) (journal.Review, bool, error) {
	var r journal.Review
	var ok bool
	err := s.view(func(tx *bolt.Tx, _ *buckets) error {
		bk := tx.Bucket(bucketReviews)
		if bk == nil {
			return nil
		}
		v := bk.Get([]byte(week))
		if v == nil {
			return nil
		}
		if err := decode(v, &r); err != nil {
			return s.corrupt(fmt.Errorf("review of %s: %w", week, err))
		}
		ok = true
		return nil
	})
	return r, ok, wrapOp("read review", err)
}

// LatestReview is the review of the latest week reviewed (one key: home
// reads it on every start).
func (s *Store) LatestReview() (journal.Review, bool, error) {
	var r journal.Review
	var ok bool
	err := s.view(func(tx *bolt.Tx, _ *buckets) error {
		bk := tx.Bucket(bucketReviews)
		if bk == nil {
			return nil
		}
		k, v := bk.Cursor().Last()
		if k == nil {
			return nil
		}
		if err := decode(v, &r); err != nil {
			return s.corrupt(fmt.Errorf("review of %s: %w", k, err))
		}
		ok = true
		return nil
	})
	return r, ok, wrapOp("read review", err)
}

// exportReviews adds every review to e, oldest week first. One that
// cannot be read is left out and named (Unreadable), and so is the rest
// when their page is damaged, as ExportMeta does for the other parts.
func (s *Store) exportReviews(e *journal.Export) error {
	at := ""
	err := s.view(func(tx *bolt.Tx, _ *buckets) error {
		bk := tx.Bucket(bucketReviews)
		if bk == nil {
			return nil
		}
		return forEach(bk, func(k, v []byte) error {
			if at != "" && string(k) <= at {
				return s.corrupt(errOutOfOrder) // a damaged page: never loop
			}
			at = string(k)
			var r journal.Review
			if err := decode(v, &r); err != nil || journal.CheckReview(&r) != nil {
				s.skipped.record(fmt.Sprintf("the review of %q", k), "it does not decode")
				return nil
			}
			e.Reviews = append(e.Reviews, r)
			return nil
		})
	})
	if errors.Is(err, ErrCorrupt) {
		what := "the reviews"
		if at != "" {
			what += " after the week of " + at
		}
		s.skipped.record(what, "they are on a damaged page")
		return nil
	}
	return err
}

// ReviewsImported counts an import's reviews: Added, and Skipped (the
// journal has a review of that week already: its own answer stays, so
// importing the same file twice adds nothing).
type ReviewsImported struct{ Added, Skipped int }

// addReview writes one imported review unless its week has one.
func (im *importer) addReview(r *journal.Review) error {
	journal.NormaliseText(r)
	if err := journal.CheckReview(r); err != nil {
		return fmt.Errorf("the review of %s: %w", r.Week, err)
	}
	bk, err := im.w.tx.CreateBucketIfNotExists(bucketReviews)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketReviews, err)
	}
	if bk.Get([]byte(r.Week)) != nil {
		im.res.Reviews.Skipped++
		return nil
	}
	if err := putValue(bk, []byte(r.Week), r); err != nil {
		return err
	}
	im.res.Reviews.Added++
	return im.w.step(len(r.Focus) + 64)
}

// checkReviews adds a problem for each review that does not decode, fails
// its checks, or is stored under another week than its own.
func checkReviews(tx *bolt.Tx, c *checker) {
	bk := tx.Bucket(bucketReviews)
	if bk == nil {
		return
	}
	_ = bk.ForEach(func(k, v []byte) error {
		var r journal.Review
		if err := decode(v, &r); err != nil {
			c.add("record", "the review of %q cannot be read: %v", k, err)
			return nil
		}
		if string(k) != string(r.Week) {
			c.add("record", "the review of %s is stored under %q", r.Week, k)
		}
		if err := journal.CheckReview(&r); err != nil {
			c.add("record", "the review of %s: %v", r.Week, err)
		}
		return nil
	})
}

// WeekFacts reads what a weekly review shows beyond the day tallies, for
// the week from..to (No's of mode; follow-ups of every mode, as they are
// the person's): the follow-ups due that week done, still open (due
// before today) and ahead (due today or later in the week), the No's whose outcome reached maybe or yes during the
// week (by their outcome history's times, local), and the thinking traps
// recorded on the No's dated in the week and in the week before.
//
// It reads ranges of keys: the week's follow-ups and turnarounds from
// week_events (events.go), decoding only the No's that turned, and the two
// weeks' day tallies for the traps, so its cost follows the weeks, not the
// journal.
func (s *Store) WeekFacts(mode string, from, to, today journal.Day) (journal.WeekFacts, error) {
	var f journal.WeekFacts
	if !from.Valid() || !to.Valid() {
		return f, journal.Invalid("the week %q to %q is not two dates of the form YYYY-MM-DD", from, to)
	}
	// While the week runs, the week before is read to the same weekday.
	prevFrom, prevTo := from.AddDays(-7), min(to, today).AddDays(-7)
	start, end := from.Time(time.Local), to.AddDays(1).Time(time.Local)
	f.Traps, f.PrevTraps = map[string]int{}, map[string]int{}
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		err := b.eachEvent(eventFollowUp, from, to, func(fu journal.Day, _ uint64, v []byte) error {
			if len(v) == 0 {
				return nil // Check reports it
			}
			o := journal.Outcome(v[1:])
			switch {
			case v[0] == '1':
				f.FollowUpsDone++
			case o == journal.OutcomeYes || o == journal.OutcomeClosed:
				// settled without the follow-up: neither
			case fu < today:
				f.FollowUpsOpen++
			default:
				f.FollowUpsAhead++
			}
			return nil
		})
		if err != nil {
			return err
		}
		// A change is keyed by its UTC date: a day either side holds every
		// change dated in the local week; each is then checked exactly.
		var turned []uint64
		err = b.eachEvent(eventTurned, from.AddDays(-1), to.AddDays(1), func(_ journal.Day, id uint64, _ []byte) error {
			turned = append(turned, id)
			return nil
		})
		if err != nil {
			return err
		}
		slices.Sort(turned)
		turned = slices.Compact(turned)
		for _, id := range turned {
			n, err := s.getNo(b, id)
			if err != nil {
				return err
			}
			if n.Mode != mode {
				continue
			}
			for i := len(n.OutcomeHistory) - 1; i >= 0; i-- {
				c := n.OutcomeHistory[i]
				if (c.Outcome == journal.OutcomeMaybe || c.Outcome == journal.OutcomeYes) && !c.At.Before(start) && c.At.Before(end) {
					f.Turnarounds = append(f.Turnarounds, journal.Turnaround{ID: n.ID, Date: n.Date, Who: n.Who,
						Outcome: c.Outcome, At: c.At, Reason: n.Reason, Kind: n.Kind})
					break
				}
			}
		}
		// The traps of the two weeks' reframes, from the day tallies (which
		// count each trap once a No, on reframed No's).
		for _, w := range []struct {
			from, to journal.Day
			traps    map[string]int
			nos      *int
		}{{from, to, f.Traps, &f.TrapNos}, {prevFrom, prevTo, f.PrevTraps, &f.PrevTrapNos}} {
			days, err := sumTallies(b.tally, mode, w.from, w.to)
			if err != nil {
				return s.corrupt(err)
			}
			for _, t := range days {
				for id, n := range t.Traps {
					w.traps[id] += n
				}
				*w.nos += t.ThoughtRecords
			}
		}
		return nil
	})
	return f, wrapOp("read the week", err)
}

// changedWithin reports whether a No's stored value (JSON) holds a time
// "at" (an outcome change) dated lo to hi. Text cannot fake one: a quote
// inside a string is escaped.
func changedWithin(v, lo, hi []byte) bool {
	mark := []byte(`"at":"`)
	for {
		i := bytes.Index(v, mark)
		if i < 0 {
			return false
		}
		v = v[i+len(mark):]
		if len(v) >= len(lo) {
			d := v[:len(lo)]
			if bytes.Compare(d, lo) >= 0 && bytes.Compare(d, hi) <= 0 {
				return true
			}
		}
	}
}

// SeedReviews stores reviews in one transaction (the demo), replacing
// those of the same weeks.
func (s *Store) SeedReviews(rs []journal.Review) error {
	for i := range rs {
		journal.NormaliseText(&rs[i])
		if err := journal.CheckReview(&rs[i]); err != nil {
			return err
		}
	}
	err := s.update(func(tx *bolt.Tx, _ *buckets) error {
		if len(rs) == 0 {
			return nil
		}
		bk, err := tx.CreateBucketIfNotExists(bucketReviews)
		if err != nil {
			return fmt.Errorf("create bucket %s: %w", bucketReviews, err)
		}
		for i := range rs {
			if err := putValue(bk, []byte(rs[i].Week), &rs[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return wrapOp("save reviews", err)
}
