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

// exportExperiments adds every experiment to e, oldest first. One that
// cannot be read is left out and named (Unreadable), and so is the rest
// when their page is damaged, as ExportMeta does for the other parts.
func (s *Store) exportExperiments(e *journal.Export) error {
	at := ""
	err := s.view(func(tx *bolt.Tx, _ *buckets) error {
		bk := tx.Bucket(bucketExperiments)
		if bk == nil {
			return nil
		}
		var prev []byte
		return forEach(bk, func(k, v []byte) error {
			if prev != nil && bytes.Compare(k, prev) <= 0 {
				return s.corrupt(errOutOfOrder) // a damaged page: never loop
			}
			prev = append(prev[:0], k...)
			var x journal.Experiment
			if err := decode(v, &x); err != nil || x.Validate(nil) != nil {
				s.skipped.record("experiment "+experimentKey(k), "it does not decode")
			} else {
				e.Experiments = append(e.Experiments, x)
			}
			at = "experiment " + experimentKey(k)
			return nil
		})
	})
	if errors.Is(err, ErrCorrupt) {
		what := "the experiments"
		if at != "" {
			what += " after " + at
		}
		s.skipped.record(what, "they are on a damaged page")
		return nil
	}
	return err
}

// ExperimentsImported counts what an import did with the file's
// experiments: Added; Skipped, already in the journal (or earlier in the
// file); Ended, already in the journal and running there while the file's
// copy has ended, so the journal's copy now ends too.
type ExperimentsImported struct{ Added, Skipped, Ended int }

// experimentIdentity is what makes two experiments the same one: their
// mode, name and first day. Ids are not part of it (two journals number
// their experiments each from 1).
func experimentIdentity(e *journal.Experiment) string {
	return e.Mode + "\x00" + e.Start.String() + "\x00" + e.Name
}

// experimentImporter writes an import's experiments: one already in the
// journal (same identity) is skipped, except that the end of the file's
// copy is taken when the journal's still runs; a new one keeps its id
// from the file when that id is free, else gets the next free one. The
// journal's experiments are read once, at the first one imported.
type experimentImporter struct {
	im   *importer
	have map[string]uint64 // identity -> id in the journal
}

func (x *experimentImporter) add(e *journal.Experiment) error {
	im := x.im
	journal.NormaliseText(e)
	if e.CreatedAt.IsZero() {
		e.CreatedAt = e.Start.Time(time.UTC) // deterministic: a second import finds it the same
	}
	e.CreatedAt = e.CreatedAt.UTC()
	if err := e.Validate(nil); err != nil {
		return fmt.Errorf("the experiment %q: %w", e.Name, err)
	}
	bk, err := im.w.tx.CreateBucketIfNotExists(bucketExperiments)
	if err != nil {
		return err
	}
	if x.have == nil {
		x.have = map[string]uint64{}
		err := bk.ForEach(func(k, v []byte) error {
			var cur journal.Experiment
			if err := decode(v, &cur); err != nil {
				return im.s.corrupt(fmt.Errorf("experiment %x: %w", k, err))
			}
			x.have[experimentIdentity(&cur)] = cur.ID
			return nil
		})
		if err != nil {
			return err
		}
	}
	key := experimentIdentity(e)
	if id, ok := x.have[key]; ok {
		im.res.Experiments.Skipped++
		var cur journal.Experiment
		v := bk.Get(idKey(id))
		if v == nil || e.End == "" {
			return nil // the file repeats one of its own, or its copy runs
		}
		if err := decode(v, &cur); err != nil {
			return im.s.corrupt(fmt.Errorf("experiment %d: %w", id, err))
		}
		if !cur.Running() || e.End < cur.Start {
			return nil
		}
		cur.End = e.End
		im.res.Experiments.Ended++
		return putValue(bk, idKey(id), &cur)
	}
	if e.ID == 0 || e.ID > journal.MaxKeptID || bk.Get(idKey(e.ID)) != nil {
		if e.ID, err = bk.NextSequence(); err != nil {
			return err
		}
	} else if e.ID > bk.Sequence() {
		if err := bk.SetSequence(e.ID); err != nil {
			return err
		}
	}
	if err := putValue(bk, idKey(e.ID), e); err != nil {
		return err
	}
	x.have[key] = e.ID
	im.res.Experiments.Added++
	return im.w.step(256 + len(e.Name))
}

// experimentKey names an experiment's key in a message: its id, or the
// bytes of a key that is not one.
func experimentKey(k []byte) string {
	if len(k) == 8 {
		return fmt.Sprint(idOf(k))
	}
	return fmt.Sprintf("%x", k)
}
