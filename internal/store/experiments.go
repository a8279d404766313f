package store

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// bucketExperiments holds the user's experiments (id -> journal.Experiment).
// It is created when the first is written, so it does not change the
// schema: a journal without experiments has no such bucket, and a read
// finds none. It is user data: the upgrade and --repair rewrite copy it
// (rewrite.go copies every bucket it does not rebuild), export and import
// carry it under "experiments", and doctor checks each record.
var bucketExperiments = []byte("experiments")

// ErrExperimentEnded is returned by EndExperiment for an experiment that
// has ended already.
var ErrExperimentEnded = errors.New("the experiment has ended")

// AddExperiment stores a new experiment with the next id and CreatedAt
// (now, UTC). It checks limits and dates, not the mode's reasons (the
// caller checks those against the mode's catalog).
func (s *Store) AddExperiment(e *journal.Experiment, now time.Time) error {
	c := *e
	journal.NormaliseText(&c)
	c.Watch = append([]string(nil), c.Watch...)
	c.CreatedAt = now.UTC()
	if err := c.Validate(nil); err != nil {
		return err
	}
	err := s.update(func(tx *bolt.Tx, _ *buckets) error {
		bk, err := tx.CreateBucketIfNotExists(bucketExperiments)
		if err != nil {
			return err
		}
		if c.ID, err = bk.NextSequence(); err != nil {
			return err
		}
		return putValue(bk, idKey(c.ID), &c)
	})
	if err != nil {
		return wrapOp("start the experiment", err)
	}
	*e = c
	return nil
}

// EndExperiment sets the last day of experiment id to end and returns it:
// ErrNotFound when there is no such experiment, ErrExperimentEnded when
// it has ended already, a validation error when end is before its start.
func (s *Store) EndExperiment(id uint64, end journal.Day) (journal.Experiment, error) {
	var e journal.Experiment
	err := s.update(func(tx *bolt.Tx, _ *buckets) error {
		bk := tx.Bucket(bucketExperiments)
		var v []byte
		if bk != nil {
			v = bk.Get(idKey(id))
		}
		if v == nil {
			return wrap(ErrNotFound, nil, "there is no experiment %d; rebound experiment list shows them", id)
		}
		if err := decode(v, &e); err != nil {
			return s.corrupt(fmt.Errorf("experiment %d: %w", id, err))
		}
		if !e.Running() {
			return wrap(ErrExperimentEnded, nil, "experiment %d (%s) ended on %s already", id, e.Name, e.End)
		}
		e.End = end
		if err := e.Validate(nil); err != nil {
			return err
		}
		return putValue(bk, idKey(id), &e)
	})
	if err != nil {
		return journal.Experiment{}, wrapOp("end the experiment", err)
	}
	return e, nil
}

// Experiments are the experiments of mode ("" every mode), oldest first.
// They are few (one per change the user tries), so all are read.
func (s *Store) Experiments(mode string) ([]journal.Experiment, error) {
	var out []journal.Experiment
	err := s.view(func(tx *bolt.Tx, _ *buckets) error {
		var err error
		out, err = readExperiments(tx, mode)
		if err != nil {
			return s.corrupt(err)
		}
		return nil
	})
	return out, wrapOp("read experiments", err)
}

func readExperiments(tx *bolt.Tx, mode string) ([]journal.Experiment, error) {
	bk := tx.Bucket(bucketExperiments)
	if bk == nil {
		return nil, nil
	}
	var out []journal.Experiment
	err := bk.ForEach(func(k, v []byte) error {
		var e journal.Experiment
		if err := decode(v, &e); err != nil {
			return fmt.Errorf("experiment %x: %w", k, err)
		}
		if mode == "" || e.Mode == mode {
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// ReasonTotals are, for each span (its first and last day), the No's of mode dated in it (Nos) and
// their primary reasons (Reasons); the other fields of each tally are
// left empty. A span is read from the month tallies for the whole months
// it covers and from the day tallies for the rest: a span of a year costs
// about 12 month reads and 60 day reads, whatever the journal holds.
func (s *Store) ReasonTotals(mode string, spans [][2]journal.Day) ([]tally.Day, error) {
	out := make([]tally.Day, len(spans))
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		keys := interner{}
		for i, sp := range spans {
			var sum tally.Day
			add := func(v []byte, what string) error {
				if err := addTally(v, &sum, keys); err != nil {
					return s.corrupt(fmt.Errorf("tally of %s %s: %w", mode, what, err))
				}
				return nil
			}
			from, to := sp[0], sp[1]
			for cur := from; cur != "" && cur <= to; {
				first := journal.Day(monthOf(cur) + "-01")
				last := journal.Day(monthOf(first.AddDays(31)) + "-01").AddDays(-1)
				if cur == first && last <= to {
					if v := b.months.Get([]byte(monthKey(mode, cur))); v != nil {
						if err := add(v, monthOf(cur)); err != nil {
							return err
						}
					}
				} else {
					last = min(last, to)
					err := modeRange(b.tally, mode, cur, last, func(_ string, d journal.Day, v []byte) error {
						return add(v, string(d))
					})
					if err != nil {
						return err
					}
				}
				cur = last.AddDays(1)
			}
			out[i] = tally.Day{Nos: sum.Nos, Reasons: sum.Reasons}
		}
		return nil
	})
	return out, wrapOp("count the No's by reason", err)
}

// checkExperiments adds a problem for each experiment that does not
// decode, fails its checks, or is stored under another id than its own.
func checkExperiments(tx *bolt.Tx, c *checker) {
	bk := tx.Bucket(bucketExperiments)
	if bk == nil {
		return
	}
	var maxID uint64
	_ = bk.ForEach(func(k, v []byte) error {
		var e journal.Experiment
		if err := decode(v, &e); err != nil {
			c.add("record", "experiment %x cannot be read: %v", k, err)
			return nil
		}
		if len(k) != 8 || !bytes.Equal(k, idKey(e.ID)) {
			c.add("record", "experiment %d is stored under the key %x", e.ID, k)
		}
		maxID = max(maxID, e.ID)
		if err := e.Validate(nil); err != nil {
			c.add("record", "experiment %d: %v", e.ID, err)
		}
		return nil
	})
	if seq := bk.Sequence(); seq < maxID {
		c.add("counter", "the experiments' id sequence is %d but the highest id is %d", seq, maxID)
	}
}
