package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Export is everything the user keeps, in the export format: No's by date
// then id, reflections by date, wins, rest days and saved settings. It
// holds the whole journal in memory: ExportMeta and ExportNos stream it.
func (s *Store) Export(now time.Time) (journal.Export, error) {
	e, err := s.ExportMeta(now)
	if err != nil {
		return journal.Export{}, err
	}
	if _, err := s.ExportNos(false, func(n journal.No) error {
		e.Nos = append(e.Nos, n)
		return nil
	}); err != nil {
		return journal.Export{}, err
	}
	return e, nil
}

// ExportMeta is Export without the No's (Nos is empty): reflections, wins,
// rest days and settings, which stay small. Each is read on its own, so a
// damaged page costs only what is on it: a record that cannot be read is
// left out and named (Unreadable), and so is the rest of a part whose
// page is damaged.
func (s *Store) ExportMeta(now time.Time) (journal.Export, error) {
	e := journal.Export{
		Format: journal.ExportFormat, ExportedAt: now.UTC(),
		Nos: []journal.No{}, Reflections: []journal.Reflection{}, Wins: []journal.Win{}, RestDays: []journal.Day{},
		Experiments: []journal.Experiment{}, Reviews: []journal.Review{},
	}
	// part reads one part; after a fault, what it had read is kept and
	// the rest named by where (the last key read).
	part := func(what string, fn func(b *buckets, at *string) error) error {
		at := ""
		err := s.view(func(_ *bolt.Tx, b *buckets) error { return fn(b, &at) })
		if errors.Is(err, ErrCorrupt) {
			if at != "" {
				what += " after " + at
			}
			s.skipped.record(what, "they are on a damaged page")
			return nil
		}
		return err
	}
	err := part("the reflections", func(b *buckets, at *string) error {
		return dateRange(b.reflections, "", "", func(d journal.Day, v []byte) error {
			if *at != "" && string(d) <= *at {
				return s.corrupt(errOutOfOrder) // a damaged page: never loop
			}
			var r journal.Reflection
			if err := decode(v, &r); err != nil || !r.Date.Valid() {
				s.skipped.record("the reflection of "+strconv.Quote(string(d)), "it does not decode")
			} else {
				e.Reflections = append(e.Reflections, r)
			}
			*at = string(d)
			return nil
		})
	})
	if err == nil {
		err = part("the wins", func(b *buckets, at *string) error {
			var prev []byte
			return forEach(b.wins, func(k, v []byte) error {
				if prev != nil && bytes.Compare(k, prev) <= 0 {
					return s.corrupt(errOutOfOrder)
				}
				prev = append(prev[:0], k...)
				var w journal.Win
				if err := decode(v, &w); err != nil || checkWin(&w) != nil {
					s.skipped.record(fmt.Sprintf("win %d", idOf(k)), "it does not decode")
				} else {
					e.Wins = append(e.Wins, w)
				}
				*at = fmt.Sprintf("win %d", idOf(k))
				return nil
			})
		})
	}
	if err == nil {
		err = part("the rest days", func(b *buckets, at *string) error {
			return b.restDays.ForEach(func(k, _ []byte) error {
				if *at != "" && string(k) <= *at {
					return s.corrupt(errOutOfOrder)
				}
				if d := journal.Day(k); d.Valid() {
					e.RestDays = append(e.RestDays, d)
				}
				*at = string(k)
				return nil
			})
		})
	}
	if err == nil {
		err = part("the settings", func(b *buckets, _ *string) error {
			if v := b.settings.Get(keySettings); v != nil {
				var st journal.Settings
				if err := decode(v, &st); err != nil {
					s.skipped.record("the settings", "they do not decode")
					return nil
				}
				e.Settings = &st
			}
			return nil
		})
	}
	if err == nil {
		err = s.exportExperiments(&e)
	}
	if err == nil {
		err = s.exportReviews(&e)
	}
	if err != nil {
		return journal.Export{}, wrapOp("export", err)
	}
	return e, nil
}

// exportPage scales how many keys one read of exportRefs and rescue takes.
const exportPage = 500

// ExportNos calls fn with every No by date then id (newest first when
// asked), as Export lists them, and returns how many. It reads the nos
// bucket itself, not an index, so a damaged index loses nothing: first
// every No's date (from the start of its value, without decoding it),
// then the No's a run at a time (exportpipe.go), decoded on every core,
// so memory holds a few runs and the lock is held for a run. A No deleted
// meanwhile is left out, and so is one that cannot be read (salvage.go):
// Unreadable names those.
func (s *Store) ExportNos(newestFirst bool, fn func(journal.No) error) (int, error) {
	return s.exportPipeline(newestFirst, nil, nil, func(b *exportBatch) error {
		for _, n := range b.nos {
			if err := fn(n); err != nil {
				return err
			}
		}
		return nil
	})
}

// valueDate reads the date at the start of a valueV2 No ({"date":"...",
// noDisk's first field) without decoding the rest; ok is false for any
// other value.
func valueDate(v []byte) (journal.Day, bool) {
	const prefix = "\x02{\"date\":\""
	if len(v) < len(prefix)+11 || string(v[:len(prefix)]) != prefix || v[len(prefix)+10] != '"' {
		return "", false
	}
	if b := v[len(prefix) : len(prefix)+10]; validDay(b) {
		return journal.Day(b), true
	}
	return "", false
}

// checkFormat accepts this build's export format only.
func checkFormat(f string) error {
	if f == journal.ExportFormat {
		return nil
	}
	if v, ok := strings.CutPrefix(f, "rebound/v"); ok {
		have, _ := strconv.Atoi(strings.TrimPrefix(journal.ExportFormat, "rebound/v"))
		if n, err := strconv.Atoi(v); err == nil && n > have {
			return wrap(ErrTooNew, nil, "this export was written by a newer Rebound (format %s; this build reads up to %s); upgrade rebound", f, journal.ExportFormat)
		}
	}
	return wrap(ErrNotRebound, nil, "this file is not a Rebound export (format %q; expected %s); export it with rebound export --format json", f, journal.ExportFormat)
}

// normaliseImported fills what an export may omit, deterministically (no
// "now"), so importing the same file twice still finds the duplicates.
func normaliseImported(n journal.No) journal.No {
	if n.CreatedAt.IsZero() {
		n.CreatedAt = n.Date.Time(time.UTC)
	}
	n.CreatedAt = n.CreatedAt.UTC()
	if n.UpdatedAt.IsZero() {
		n.UpdatedAt = n.CreatedAt
	}
	n.UpdatedAt = n.UpdatedAt.UTC()
	if n.Outcome == "" {
		n.Outcome = journal.OutcomeOpen
		n.OutcomeHistory = []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: n.CreatedAt}}
	}
	return n
}

func noIdentity(n *journal.No) string {
	return strings.Join([]string{string(n.Date), n.Who, n.Said, n.CreatedAt.UTC().Format(time.RFC3339Nano)}, "\x00")
}

func winIdentity(w *journal.Win) string {
	return strings.Join([]string{string(w.Date), w.Who, w.CreatedAt.UTC().Format(time.RFC3339Nano)}, "\x00")
}

// reflectionCovers reports whether merging r into cur would add nothing new,
// so a reflection imported twice is merged once.
func reflectionCovers(cur, r *journal.Reflection) bool {
	if r.Mood != 0 && r.Mood != cur.Mood {
		return false
	}
	if r.CompletedAt.After(cur.CompletedAt) || r.IntentionKept != "" && r.IntentionKept != cur.IntentionKept {
		return false
	}
	for _, a := range r.Answers {
		if !slices.Contains(cur.Answers, a) {
			return false
		}
	}
	for _, p := range r.PromptIDs {
		if !slices.Contains(cur.PromptIDs, p) {
			return false
		}
	}
	return contains(cur.Ritual, r.Ritual, ", ") && contains(cur.Win, r.Win, "\n") && contains(cur.Intention, r.Intention, "\n")
}

// contains reports whether part is empty, all of joined, or one of its
// sep-separated pieces (as journal.Reflection.Merge joins them).
func contains(joined, part, sep string) bool {
	return part == "" || part == joined || slices.Contains(strings.Split(joined, sep), part)
}

// Backup writes a consistent copy of the journal to w (a read transaction,
// so it works while others read; a writer waits the moment it takes). It
// skips the schema checks so that a damaged journal can still be copied.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.withDB(true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			var err error
			n, err = tx.WriteTo(w)
			return err
		})
	})
	return n, wrapOp("back up journal", err)
}
