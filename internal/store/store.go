// Package store keeps Rebound's journal in one bbolt file.
//
// The file is opened per operation: every method opens it, runs one
// transaction and closes it again, so no process holds the lock while idle
// and `rebound log` in a second terminal can write while the TUI is open.
// Reads open the file read-only (a shared lock), so readers never block each
// other; a writer holds the exclusive lock for a millisecond or two.
//
// Every index and aggregate (by day with each No's list row, by follow-up
// date with each follow-up's row, the search postings, the day and month
// tallies, the reframed and reflection counts per day, the counters) is
// updated in the
// same transaction as the record it describes, so the file is always
// consistent and a screen's cost grows with what it shows, not with the
// journal. schema.go lists the buckets; index.go the aggregated ones.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	bolt "go.etcd.io/bbolt"
)

// Sentinel errors; the returned errors wrap them in one sentence that names
// the file and says what to do.
var (
	ErrNotFound   = errors.New("not found")
	ErrNotRebound = errors.New("not a Rebound journal")
	ErrTooNew     = errors.New("written by a newer Rebound")
	ErrCorrupt    = errors.New("the journal is damaged")
	ErrBusy       = errors.New("the journal is busy")
)

// DefaultTimeout is how long an operation waits for another process's lock
// before failing with ErrBusy; writes take milliseconds, so a second is ample.
const DefaultTimeout = time.Second

// sentence is an error whose text is a complete sentence for the user while
// errors.Is still finds the sentinel (and the underlying cause, if any).
type sentence struct {
	msg  string
	errs []error
}

func (e *sentence) Error() string   { return e.msg }
func (e *sentence) Unwrap() []error { return e.errs }

func wrap(sentinel, cause error, format string, a ...any) error {
	errs := []error{sentinel}
	if cause != nil {
		errs = append(errs, cause)
	}
	return &sentence{msg: fmt.Sprintf(format, a...), errs: errs}
}

// Store is a handle on the journal file; it holds no open file or lock.
// It is safe for concurrent use: every call opens its own bbolt handle.
type Store struct {
	path    string
	timeout time.Duration
	notices []string
	// atOpen are the settings read by Open's own read of the file, so a
	// one-shot command does not open the file again for them.
	atOpen   journal.Settings
	atOpenOK bool
	// onWait hears once that this Store waits for another process's long
	// write (busy.go); told is whether it has.
	onWait func(what string)
	told   atomic.Bool
	// onUpgrade hears that Open upgrades a large journal (rewrite.go).
	onUpgrade func(nos int)
	// bgBackups: the daily backup is made by a process of its own
	// (dailybackup.go).
	bgBackups bool
	// trimBudget lets long reads map this much of the file before they
	// trim the map (trim.go; 0: trim at once). Doctor's copy has one.
	trimBudget int64
	// skipped is what the export readers could not read (salvage.go).
	skipped unreadable
	// decoded counts the No's read in full through this handle, so tests
	// can hold a screen's read to what it shows.
	decoded atomic.Int64
	// countAt asks Open to count the follow-ups (followuppage.go).
	countAt *countAt
}

// Open checks, initialises or migrates the journal at path and closes it
// again. A missing file (and missing parent directories, 0700) is created
// 0600. An existing file is first inspected read-only; it is opened
// read-write only to migrate it, and never when it is refused.
func Open(path string, opts ...Option) (*Store, error) {
	if path == "" {
		return nil, errors.New("open journal: no path given")
	}
	s := &Store{path: path, timeout: DefaultTimeout}
	for _, o := range opts {
		o(s)
	}
	if err := s.prepareDir(); err != nil {
		return nil, err
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err = s.create()
	case err != nil:
		err = fmt.Errorf("open journal: %w", err)
	case fi.IsDir():
		err = wrap(ErrNotRebound, nil, "%s is a directory, not a Rebound journal; point --db at a file", path)
	default:
		err = s.openExisting(fi.Size())
	}
	if err != nil {
		return nil, err
	}
	// Only now that the file is known to be Rebound's: a refused file's
	// directory is not ours to change either.
	if dir := filepath.Dir(path); s.ownDir(dir) {
		s.tighten(dir, 0o700)
	}
	s.tighten(path, 0o600)
	return s, nil
}

// Path is the journal file.
func (s *Store) Path() string { return s.path }

// Notices are things Open did that the user should know about (tightened
// permissions, a backup written before a migration).
func (s *Store) Notices() []string { return append([]string(nil), s.notices...) }

// Stamp is the file's modification time and size. It takes no lock, so the
// TUI can poll it cheaply to notice writes from another process.
func (s *Store) Stamp() (time.Time, int64, error) {
	fi, err := os.Stat(s.path)
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("stat journal: %w", err)
	}
	return fi.ModTime(), fi.Size(), nil
}

func (s *Store) notice(format string, a ...any) {
	s.notices = append(s.notices, fmt.Sprintf(format, a...))
}

// ownDir reports whether dir is Rebound's own, the only kind of existing
// directory Open tightens: chmod-ing a directory the user pointed --db into
// (/tmp, ~/Documents, a source checkout that happens to be called rebound)
// would be a surprise, or break the system. Rebound creates its folders
// 0700, so a looser one was loosened by someone else (a copy, a sync tool,
// a chmod) or made by someone else. It is taken as Rebound's when it is
// named "rebound", as the XDG default is, and holds nothing but this
// journal's files: the journal, its backups folder and its temporaries. A
// folder with anything else in it belongs to the user, whatever its name.
// The listing is read only when the folder is looser than 0700.
func (s *Store) ownDir(dir string) bool {
	fi, err := os.Stat(dir)
	if err != nil || !strings.EqualFold(filepath.Base(dir), "rebound") || fi.Mode()&os.ModeSticky != 0 {
		return false
	}
	if fi.Mode().Perm()&0o077 == 0 {
		return true // nothing to tighten: no need to look inside
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	base := filepath.Base(s.path)
	for _, e := range entries {
		switch name := e.Name(); {
		case name == base, name == base+".importing", name == base+upgradingSuffix, name == base+repairingSuffix, s.tempKind(name) != "":
		case name == "backups" && e.IsDir():
		default:
			return false
		}
	}
	return true
}

// prepareDir creates the parent directories 0700 when missing.
func (s *Store) prepareDir() error {
	dir := filepath.Dir(s.path)
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create journal directory: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("open journal directory: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("open journal: %s is not a directory", dir)
	}
	return nil
}

// tighten removes group/other permission bits beyond want and says so.
func (s *Store) tighten(path string, want fs.FileMode) {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm()&^want == 0 {
		return
	}
	if err := os.Chmod(path, fi.Mode().Perm()&want); err != nil {
		s.notice("could not tighten permissions on %s to %04o: %v", path, want, err)
		return
	}
	s.notice("tightened permissions on %s to %04o", path, want)
}

// create initialises a brand-new journal in a temporary file next to path
// and links it into place, so a crash never leaves a half-made journal and
// two first runs racing each other do not clobber one another.
func (s *Store) create() error {
	dir, base := filepath.Split(s.path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".new-*")
	if err != nil {
		return fmt.Errorf("create journal: %w", err)
	}
	name := tmp.Name()
	tmp.Close()
	defer os.Remove(name)
	db, err := bolt.Open(name, 0o600, &bolt.Options{Timeout: s.timeout})
	if err != nil {
		return fmt.Errorf("create journal: %w", err)
	}
	err = db.Update(initSchema)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create journal: %w", err)
	}
	if err := os.Link(name, s.path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			// Another rebound created it first: use theirs.
			fi, serr := os.Stat(s.path)
			if serr != nil {
				return fmt.Errorf("open journal: %w", serr)
			}
			return s.openExisting(fi.Size())
		}
		// No hard links on this file system: a rename is the next best.
		if _, serr := os.Lstat(s.path); serr == nil {
			fi, _ := os.Stat(s.path)
			return s.openExisting(fi.Size())
		}
		if err := os.Rename(name, s.path); err != nil {
			return fmt.Errorf("create journal: %w", err)
		}
	}
	return nil
}

// openExisting refuses files that are not (current) Rebound journals without
// writing to them, and migrates older ones.
func (s *Store) openExisting(size int64) error {
	if size == 0 {
		return wrap(ErrNotRebound, nil, "%s is empty, not a Rebound journal; point --db at another file or move it away", s.path)
	}
	if err := checkHeader(s.path, size); err != nil {
		return s.headerErr(err)
	}
	var st schemaState
	err := s.withDB(true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			if st = readSchema(tx); st.version == currentSchema && !st.fresh {
				s.readSettingsAtOpen(tx)
				s.countFollowUpsAtOpen(tx) // CountFollowUpsAtOpen (followuppage.go)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if err := s.schemaErr(st); err != nil {
		return err
	}
	if !st.fresh && st.version == currentSchema {
		return nil
	}
	return s.upgrade()
}

// headerErr turns a checkHeader result into the user's sentence.
func (s *Store) headerErr(err error) error {
	if errors.Is(err, ErrNotRebound) {
		return wrap(ErrNotRebound, nil, "%s is not a Rebound journal; point --db at another file or move it away", s.path)
	}
	return s.corrupt(err)
}

func (s *Store) corrupt(cause error) error {
	return wrap(ErrCorrupt, cause, "%s is damaged (%v); restore a backup (rebound doctor lists them)", s.path, cause)
}

func (s *Store) notFound(id uint64) error {
	return wrap(ErrNotFound, nil, "no No with id %d", id)
}
