package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// ImportResult counts what an import added; Skipped are records already in
// the journal (or repeated in the file).
type ImportResult struct{ Nos, Reflections, Wins, Skipped int }

// Import adds an export to the journal in one transaction: all of it or,
// on any error, nothing. Importing the same export twice adds nothing: a No
// is already there when date, who, said and created_at match; a win when
// date, who and created_at match; a reflection when the stored one for its
// date already contains it. Identical records are counted, not collapsed,
// so two identical No's in one export both arrive. Imported No's and wins
// get new ids. Rest days are added; settings are taken only when none are
// saved.
func (s *Store) Import(e journal.Export, now time.Time) (ImportResult, error) {
	if err := checkImport(&e); err != nil {
		return ImportResult{}, err
	}
	nos := make([]journal.No, len(e.Nos))
	for i, n := range e.Nos {
		var err error
		if nos[i], err = prepareImported(i, n); err != nil {
			return ImportResult{}, err
		}
	}
	var im *importer
	err := s.update(func(_ *bolt.Tx, b *buckets) error {
		im = &importer{s: s, seen: map[journal.Day]map[string]int{}}
		if err := im.nos(b, nos); err != nil {
			return err
		}
		return im.rest(b, &e)
	})
	if err != nil {
		return ImportResult{}, wrapOp("import", err)
	}
	return im.res, nil
}

// importInOneTx is the most No's ImportStream writes in one transaction of
// the journal itself. bbolt keeps every page a transaction dirties in
// memory until it commits (an import of 100k No's peaked at 470 MiB), so a
// larger import is written in batches to a copy of the journal, which then
// replaces it: still all or nothing, in about 25 MiB.
var importInOneTx = BatchSize

// ImportStream is Import for an export read as a stream (exchange.Stream):
// head is the export without its No's, count how many No's it has, and
// each hands them over one at a time, as often as it is called.
func (s *Store) ImportStream(head journal.Export, count int, each func(yield func(*journal.No) error) error, now time.Time) (ImportResult, error) {
	if count <= importInOneTx {
		head.Nos = make([]journal.No, 0, count)
		err := each(func(n *journal.No) error {
			head.Nos = append(head.Nos, *n)
			return nil
		})
		if err != nil {
			return ImportResult{}, fmt.Errorf("import: %w", err)
		}
		return s.Import(head, now)
	}
	if err := checkImport(&head); err != nil {
		return ImportResult{}, err
	}
	_ = s.AutoBackup(now) // as update does, before the journal changes
	im := &importer{s: s, seen: map[journal.Day]map[string]int{}}
	err := s.withDB(false, func(db *bolt.DB) error {
		return s.replaceWithCopy(db, func(copyPath string) error {
			batch := make([]journal.No, 0, BatchSize)
			write := func(last bool) error {
				err := updateFile(copyPath, s.timeout, func(tx *bolt.Tx) error {
					b, err := s.load(tx)
					if err != nil {
						return err
					}
					if err := im.nos(b, batch); err != nil {
						return err
					}
					if last {
						return im.rest(b, &head)
					}
					return nil
				})
				batch = batch[:0]
				return err
			}
			i := 0
			err := each(func(n *journal.No) error {
				x, err := prepareImported(i, *n)
				if err != nil {
					return err
				}
				i++
				if batch = append(batch, x); len(batch) == BatchSize {
					return write(false)
				}
				return nil
			})
			if err != nil {
				return err
			}
			return write(true)
		})
	})
	if err != nil {
		return ImportResult{}, wrapOp("import", err)
	}
	return im.res, nil
}

// replaceWithCopy copies the journal (db, open read-write: this process
// holds its lock throughout) to a file next to it, lets fill write to the
// copy, then renames the copy over the journal. On any error the copy is
// removed and the journal is as it was. Another rebound that was waiting
// for the lock notices the replaced file and opens the new one (openFile).
func (s *Store) replaceWithCopy(db *bolt.DB, fill func(copyPath string) error) error {
	target, err := filepath.EvalSymlinks(s.path) // replace the file, not a link to it
	if err != nil {
		return err
	}
	defer s.longOp("an import")() // seconds under the lock: others wait (busy.go)
	tmp := importingPath(target)
	_ = os.Remove(tmp) // left by an import that was killed; we hold the lock
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // nothing there once renamed
	err = db.View(func(tx *bolt.Tx) error {
		if _, err := s.load(tx); err != nil {
			return err
		}
		_, err := tx.WriteTo(f) // reads the file, not the map: no resident pages
		return err
	})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copy the journal: %w", err)
	}
	if err := fill(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	return syncDir(filepath.Dir(target))
}

func importingPath(journal string) string { return journal + ".importing" }

// LeftoverImport is the copy an interrupted large import left next to the
// journal, if there is one. The journal itself was not changed by that
// import; the next import removes the copy.
func (s *Store) LeftoverImport() (string, bool) {
	target, err := filepath.EvalSymlinks(s.path)
	if err != nil {
		return "", false
	}
	p := importingPath(target)
	_, err = os.Stat(p)
	return p, err == nil
}

// updateFile runs fn in one read-write transaction of the bbolt file at
// path, opened for just that: closing unmaps the pages the batch touched.
func updateFile(path string, timeout time.Duration, fn func(*bolt.Tx) error) (err error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		return err
	}
	db.AllocSize = allocSize
	defer func() { err = errors.Join(err, db.Close()) }()
	return db.Update(fn)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// checkImport checks an export's format and its records other than No's.
func checkImport(e *journal.Export) error {
	if err := checkFormat(e.Format); err != nil {
		return err
	}
	for i, r := range e.Reflections {
		if !r.Date.Valid() {
			return journal.Invalid("import: reflection %d has the date %q, not YYYY-MM-DD", i+1, r.Date)
		}
	}
	for i := range e.Wins {
		if err := checkWin(&e.Wins[i]); err != nil {
			return fmt.Errorf("import: win %d: %w", i+1, err)
		}
	}
	for _, d := range e.RestDays {
		if !d.Valid() {
			return journal.Invalid("import: the rest day %q is not a date of the form YYYY-MM-DD", d)
		}
	}
	return nil
}

// prepareImported checks the i-th No of an export and fills what it omits.
func prepareImported(i int, n journal.No) (journal.No, error) {
	if err := checkNo(&n); err != nil {
		return n, fmt.Errorf("import: No %d (%s): %w", i+1, n.Who, err)
	}
	return normaliseImported(n), nil
}

// importer writes an import's records, in one transaction or in several
// (the counts of what the journal held carry over between them).
type importer struct {
	s   *Store
	res ImportResult
	// seen counts the No's of each identity the journal held before this
	// import, read lazily per date so the cost follows the dates imported.
	// Counting (not a set) keeps two genuinely identical No's of one
	// export apart while a second import still adds nothing.
	seen map[journal.Day]map[string]int
}

func (im *importer) known(b *buckets, n *journal.No) (bool, error) {
	m, ok := im.seen[n.Date]
	if !ok {
		m = map[string]int{}
		var err error
		scanDesc(b.byDay, []byte(n.Date.AddDays(1)), n.Date, func(_ journal.Day, id uint64, _ []byte) bool {
			var x journal.No
			if x, err = im.s.getNo(b, id); err != nil {
				return false
			}
			m[noIdentity(&x)]++
			return true
		})
		if err != nil {
			return false, err
		}
		im.seen[n.Date] = m
	}
	key := noIdentity(n)
	if m[key] > 0 {
		if m[key]--; m[key] == 0 {
			delete(m, key) // a re-import of a large journal keeps memory flat
		}
		return true, nil
	}
	return false, nil
}

// nos writes the No's not already in the journal.
func (im *importer) nos(b *buckets, nos []journal.No) error {
	x := newIx(b)
	for i := range nos {
		n := &nos[i]
		dup, err := im.known(b, n)
		if err != nil {
			return err
		}
		if dup {
			im.res.Skipped++
			continue
		}
		if n.ID, err = b.nos.NextSequence(); err != nil {
			return err
		}
		if err := writeNo(b, x, nil, n); err != nil {
			return err
		}
		im.res.Nos++
	}
	return x.flush()
}

// rest writes the reflections, wins, rest days and settings.
func (im *importer) rest(b *buckets, e *journal.Export) error {
	s, res := im.s, &im.res
	for _, r := range e.Reflections {
		cur, ok, err := getReflection(b, r.Date)
		if err != nil {
			return s.corrupt(err)
		}
		switch {
		case ok && reflectionCovers(&cur, &r):
			res.Skipped++
			continue
		case ok:
			cur.Merge(r)
		default:
			cur = r
		}
		if err := putReflection(b, &cur); err != nil {
			return err
		}
		res.Reflections++
	}
	wins, err := allWins(b)
	if err != nil {
		return s.corrupt(err)
	}
	haveWin := map[string]int{}
	for _, w := range wins {
		haveWin[winIdentity(&w)]++
	}
	for _, w := range e.Wins {
		if w.CreatedAt.IsZero() {
			w.CreatedAt = w.Date.Time(time.UTC)
		}
		w.CreatedAt = w.CreatedAt.UTC()
		if key := winIdentity(&w); haveWin[key] > 0 {
			haveWin[key]--
			res.Skipped++
			continue
		}
		if err := putWin(b, &w); err != nil {
			return err
		}
		res.Wins++
	}
	for _, d := range e.RestDays {
		if err := b.restDays.Put([]byte(d), empty); err != nil {
			return err
		}
	}
	if e.Settings != nil && b.settings.Get(keySettings) == nil {
		if err := putValue(b.settings, keySettings, e.Settings); err != nil {
			return err
		}
	}
	return nil
}
