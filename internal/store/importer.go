package store

import (
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// ImportResult counts what an import added; Skipped are records already in
// the journal (or repeated in the file).
type ImportResult struct{ Nos, Reflections, Wins, Skipped int }

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

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
