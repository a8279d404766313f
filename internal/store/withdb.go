package store

// Every operation opens the file, runs one transaction and closes it again
// (see the package comment): withDB, view and update, and the opener bbolt
// calls to lock the file.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
)

// withDB opens the file (read-only: shared lock), runs fn and closes it.
// Faults from a damaged file surface as ErrCorrupt instead of a crash.
func (s *Store) withDB(readOnly bool, fn func(*bolt.DB) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = s.corrupt(fmt.Errorf("%v", r))
		}
	}()
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{
		Timeout:  s.timeout,
		ReadOnly: readOnly,
		OpenFile: s.openFile,
	})
	if err != nil {
		return s.openErr(err)
	}
	// bbolt grows a file past its used pages in 16 MiB steps; 1 MiB keeps
	// the journal's size close to what it holds (the grow costs one
	// truncate+fsync per MiB written).
	db.AllocSize = allocSize
	db.NoSync = noSync()
	defer func() {
		if cerr := db.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close journal: %w", cerr)
		}
	}()
	if readOnly {
		defer trimMappedOver(db, s.trimBudget)() // stops before the close above unmaps
	}
	return fn(db)
}

// allocSize is the step in which a journal file grows.
const allocSize = 1 << 20

// noSync, when true, skips the fsync of each commit. Only this package's
// tests set it, and only under -short (short_test.go): a test reads back
// what a commit wrote through the page cache, which the fsync does not
// change, and on a shared disk those fsyncs were most of the short loop.
var noSync = func() bool { return false }

var errEmptyFile = errors.New("the file is empty")

// openFile is bbolt's file opener for existing journals: it never creates
// the file (a journal deleted under us must not come back empty), refuses a
// 0-byte file (bbolt would silently initialise it) and takes the lock with a
// short retry so a writer is not starved by a reader polling in a loop.
//
// A large import replaces the journal by renaming a copy over it while it
// holds the lock (replaceWithCopy); a process that was waiting for that
// lock then holds the old, unlinked file, so it opens the new one instead.
func (s *Store) openFile(name string, flag int, perm os.FileMode) (*os.File, error) {
	for attempt := 0; ; attempt++ {
		f, err := os.OpenFile(name, flag&^os.O_CREATE, perm)
		if err != nil {
			return nil, err
		}
		if err := s.lock(f, flag&(os.O_RDONLY|os.O_WRONLY|os.O_RDWR) != os.O_RDONLY); err != nil {
			f.Close()
			return nil, err
		}
		if attempt < 10 && replaced(f, name) {
			f.Close()
			continue
		}
		return s.nonEmpty(f)
	}
}

// replaced reports whether name no longer names the file f has open.
func replaced(f *os.File, name string) bool {
	have, err1 := f.Stat()
	now, err2 := os.Stat(name)
	return err1 == nil && err2 == nil && !os.SameFile(have, now)
}

// nonEmpty refuses (and unlocks) a 0-byte file.
func (s *Store) nonEmpty(f *os.File) (*os.File, error) {
	if fi, err := f.Stat(); err != nil || fi.Size() == 0 {
		f.Close() // closing releases the lock
		if err == nil {
			err = errEmptyFile
		}
		return nil, err
	}
	return f, nil
}

func (s *Store) openErr(err error) error {
	switch {
	case errors.Is(err, bolt.ErrTimeout):
		return wrap(ErrBusy, err, "the journal is busy (another rebound is writing); try again")
	case errors.Is(err, errEmptyFile):
		return wrap(ErrNotRebound, err, "%s is empty, not a Rebound journal; point --db at another file or move it away", s.path)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("open journal: %s no longer exists: %w", s.path, err)
	case errors.Is(err, bolt.ErrInvalid), errors.Is(err, bolt.ErrChecksum), errors.Is(err, bolt.ErrVersionMismatch):
		return s.corrupt(err)
	}
	return fmt.Errorf("open journal: %w", err)
}

// view runs fn in a read-only transaction on a current Rebound journal.
func (s *Store) view(fn func(tx *bolt.Tx, b *buckets) error) error {
	return s.withDB(true, func(db *bolt.DB) error {
		return db.View(func(tx *bolt.Tx) error {
			b, err := s.load(tx)
			if err != nil {
				return err
			}
			return fn(tx, b)
		})
	})
}

// update runs fn in one read-write transaction; everything fn writes (a
// record, its index entries, its tally, the counters) commits together.
func (s *Store) update(fn func(tx *bolt.Tx, b *buckets) error) error {
	// The first write of a day is followed by the day's backup of the
	// journal as it was before it (dailybackup.go), best effort: a
	// failed backup (say, a full disk) must not block the user's write;
	// doctor lists what backups exist. Writes (not reads) also remove what
	// killed runs left behind: two short folder listings.
	now := time.Now()
	day := s.dailyBackupDue(now)
	s.CleanTemps(now)
	var before uint64 // the transaction the write starts from
	var calendar bool // a calendar file is set after the write (calendarfile.go)
	var spawned <-chan bool
	err := s.withDB(false, func(db *bolt.DB) error {
		return db.Update(func(tx *bolt.Tx) error {
			before = uint64(tx.ID()) - 1
			b, err := s.load(tx)
			if err != nil {
				return err
			}
			if b.meta.Get(keyCalendar) != nil { // one key: the write's cost stays as it was
				spawned = s.spawnCalendarWriter() // starts while this write commits
			}
			if err := fn(tx, b); err != nil {
				return err
			}
			calendar = b.meta.Get(keyCalendar) != nil
			return nil
		})
	})
	if day != "" && err == nil { // a write that failed changed nothing: the next one copies
		s.startDailyBackup(day, before)
	}
	started := spawned != nil && <-spawned
	if calendar && err == nil && !started {
		s.startCalendarRefresh() // calendarfile.go: off the write path
	}
	return err
}
