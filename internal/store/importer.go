package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// ImportResult counts what an import added, and in Skipped what it left
// out because the journal already held it (or the file repeated it). IDs
// says which number each added No got.
type ImportResult struct {
	Nos, Reflections, Wins int
	Skipped                Skipped
	IDs                    IDMap
	Experiments            ExperimentsImported
	Reviews                ReviewsImported
}

// Skipped counts the records an import left out, by kind.
type Skipped struct{ Nos, Reflections, Wins int }

// Total is every record skipped.
func (s Skipped) Total() int { return s.Nos + s.Reflections + s.Wins }

// IDMap says how an import numbered its No's. Into a journal without No's
// each keeps the number it has in the file (Kept); a No without one, or
// with one already taken (a file that repeats a number), gets the next
// free number. Into a journal with No's every No gets the next free number,
// in date order. Those not kept are Runs: consecutive numbers that map to
// consecutive numbers, in the order they were written, at most maxIDRuns
// of them (Cut says some were left out), so the map stays small whatever
// the import's size.
type IDMap struct {
	Kept  int     // No's numbered as in the file
	Moved int     // No's numbered anew (all of them, also when Cut)
	Runs  []IDRun // what Moved holds, in runs
	Cut   bool    // Runs ends before Moved does
	// The range of the numbers the moved No's had in the file (0 when
	// none had one) and of those they have now.
	WasMin, WasMax, NowMin, NowMax uint64
}

// IDRun is Count No's numbered Was, Was+1… in the file (Was 0: without a
// number) and Now, Now+1… in the journal.
type IDRun struct{ Was, Now, Count uint64 }

// maxIDRuns bounds IDMap.Runs: 24 bytes a run.
const maxIDRuns = 1 << 16

// maxKeptID is the largest number an import keeps.
const maxKeptID = journal.MaxKeptID

func (m *IDMap) add(was, now uint64) {
	if was == now {
		m.Kept++
		return
	}
	if m.Moved++; m.Moved == 1 {
		m.WasMin, m.WasMax, m.NowMin, m.NowMax = was, was, now, now
	} else {
		m.WasMin, m.WasMax = min(m.WasMin, was), max(m.WasMax, was)
		m.NowMin, m.NowMax = min(m.NowMin, now), max(m.NowMax, now)
	}
	if n := len(m.Runs); n > 0 && !m.Cut {
		r := &m.Runs[n-1]
		if r.Now+r.Count == now && (r.Was == 0 && was == 0 || r.Was != 0 && r.Was+r.Count == was) {
			r.Count++
			return
		}
	}
	if len(m.Runs) == maxIDRuns {
		m.Cut = true
		return
	}
	m.Runs = append(m.Runs, IDRun{Was: was, Now: now, Count: 1})
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
	if err := fill(tmp); err == errKeepJournal {
		return nil // the copy is removed, the journal untouched
	} else if err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	return syncDir(filepath.Dir(target))
}

func importingPath(journal string) string { return journal + ".importing" }

// errKeepJournal, from replaceWithCopy's fill, says the copy holds nothing
// the journal lacks: it is removed and the journal left as it was (an
// import of a file already imported rewrote a million No's' journal for
// nothing).
var errKeepJournal = errors.New("the copy adds nothing")

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

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
