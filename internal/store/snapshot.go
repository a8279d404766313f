package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// journalCopy is a private copy of the journal that doctor checks at leisure.
type journalCopy struct {
	store    *Store // on the copy, or on the journal when no copy could be made
	size     int64
	problems []Problem // what the journal's own meta pages show
	remove   func()
}

// snapshotPrefix names the copies (".rebound-check-NNN"): a killed
// doctor's is swept like a killed export's (temps.go).
const snapshotPrefix = ".rebound-check-"

// snapshot copies the journal in one read transaction (the shared lock is
// held for the copy alone: 0.1 s for a 100k journal of 88 MB) to a 0600
// temporary next to the journal, or in the system's temporary folder when
// the journal's is not writable or full. Next to the journal first: it is
// the user's own folder (0700 when Rebound made it) where /tmp is shared,
// /tmp is often memory (tmpfs), and a large import already needs room for
// a copy there. When neither can hold a copy, the journal is checked in
// place, holding its shared lock while it is read, as before snapshots.
func (s *Store) snapshot() (*journalCopy, error) {
	for _, dir := range snapshotDirs(s) {
		snap, err := s.copyTo(dir)
		if err == nil {
			return snap, nil
		}
		var w *copyWriteError
		if !errors.As(err, &w) {
			return nil, err // the journal's fault: busy, damaged, gone
		}
	}
	fi, err := os.Stat(s.path)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	var metas []Problem
	err = s.withDB(true, func(db *bolt.DB) error {
		metas = metaProblems(db)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &journalCopy{store: s, size: fi.Size(), problems: metas, remove: func() {}}, nil
}

// snapshotDirs are where a copy may go, in order of preference.
var snapshotDirs = func(s *Store) []string { return []string{filepath.Dir(s.target()), os.TempDir()} }

// copyWriteError is a failure to write the copy (the copy's folder), as
// opposed to one reading the journal.
type copyWriteError struct{ err error }

func (e *copyWriteError) Error() string { return e.err.Error() }
func (e *copyWriteError) Unwrap() error { return e.err }

type copyWriter struct {
	w   io.Writer
	err error
}

func (c *copyWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

func (s *Store) copyTo(dir string) (_ *journalCopy, err error) {
	f, err := os.CreateTemp(dir, snapshotPrefix+"*")
	if err != nil {
		return nil, &copyWriteError{err}
	}
	name := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(name)
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return nil, &copyWriteError{err}
	}
	cw := &copyWriter{w: f}
	var n int64
	var metas []Problem
	err = s.withDB(true, func(db *bolt.DB) error {
		// Under a second up to 1M No's (0.5 s for 800 MiB), but a cold
		// disk can take longer: a writer that times out waits for it.
		defer s.longOp("a check's copy of the journal")()
		return db.View(func(tx *bolt.Tx) error {
			metas = metaProblems(db)
			var err error
			n, err = tx.WriteTo(cw) // reads the file, not the map
			return err
		})
	})
	if cw.err != nil {
		return nil, &copyWriteError{cw.err}
	}
	if err != nil {
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, &copyWriteError{err}
	}
	return &journalCopy{
		// The check looks keys up all over the copy: it may keep a few
		// MiB of it mapped rather than map the same pages again and again.
		store: &Store{path: name, timeout: s.timeout, trimBudget: checkTrimBudget}, size: n, problems: metas,
		remove: func() { os.Remove(name) },
	}, nil
}

// checkTrimBudget is how much of the copy doctor's check may keep mapped.
const checkTrimBudget = 4 << 20

// metaProblems reads db's two meta pages from its file (the caller holds
// the lock, so no write is half done) and names a damaged one. bbolt
// reads the other, and a copy (the snapshot) has two good ones, so only
// here can doctor see it.
func metaProblems(db *bolt.DB) []Problem {
	f, err := os.Open(db.Path())
	if err != nil {
		return nil
	}
	defer f.Close()
	var ps []Problem
	for i, off := range []int64{0, int64(db.Info().PageSize)} {
		b := make([]byte, metaEnd)
		if n, _ := f.ReadAt(b, off); n == metaEnd && !parseMeta(b).valid {
			ps = append(ps, Problem{"meta", fmt.Sprintf("meta page %d is damaged: bbolt reads the other copy, and the next write rewrites it", i)})
		}
	}
	return ps
}
