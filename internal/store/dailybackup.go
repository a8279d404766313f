package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The daily backup is the journal as it was before the day's first write.
// It costs a read of the whole file (seconds at a million No's), which
// used to come before that write. Now the write goes first, the copy is
// made after it (by a process of its own, off the user's path, when the
// Store was opened with BackgroundBackups), and the copy holds no lock
// while it reads, so no writer ever waits for it:
//
// bbolt never writes over a page that the last committed transaction can
// reach; only the transaction after the next one may reuse such pages. So
// the pages of the journal as it was before the write (transaction N)
// stay as they are while the write (N+1) commits, and the copy reads them
// without a lock: both meta pages of the copy are N's, then pages 2 up to
// N's high-water mark as the file holds them. Then it takes the journal's
// shared lock for a moment (no writer is mid-commit while it holds it)
// and reads the meta pages again: if no transaction past N+1 has
// committed, none of N's pages was written over, and the copy is N whole.
// If one has (two more writes during the copy), it copies again from the
// newest transaction, and after a few tries under the shared lock, as
// `rebound backup` does (so does a journal whose pages are not whole).
// The copy is checked page by page (pagesHealthy) before it is synced and
// renamed to today's name: a half-written or torn copy is never a backup.
// A machine that dies mid-copy leaves a temporary (.rebound-backup-N) that
// the next write removes; two processes that race to make the day's
// backup each rename a whole copy, and the last one stays.

// backupEnv makes this executable, started with the journal, the day and
// the transaction as arguments, make that day's backup and exit (the
// package's init, so it works in test binaries too).
const backupEnv = "REBOUND_INTERNAL_DAILY_BACKUP"

func init() {
	if os.Getenv(backupEnv) == "1" && len(os.Args) == 4 {
		tx, _ := strconv.ParseUint(os.Args[3], 10, 64)
		s := &Store{path: os.Args[1], timeout: DefaultTimeout}
		if err := s.makeDailyBackup(os.Args[2], tx); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
}

// BackgroundBackups has the Store make the daily backup in a process of
// its own, so the first write of the day returns as fast as any other.
func BackgroundBackups() Option { return func(s *Store) { s.bgBackups = true } }

// SetBackupInBackground makes BackgroundBackups the default of every
// Store of this process (on), or not: the program (cli.Main) sets it;
// tests, which remove their folders when done, copy in the process.
func SetBackupInBackground(on bool) { backupsInBackground.Store(on) }

var backupsInBackground atomic.Bool

// backupInProcessEnv set to 1 has the program copy in its own process too:
// the end-to-end tests set it, so that no process of a test's outlives it
// and writes in a folder the test removes (their own test of the
// background backup unsets it).
const backupInProcessEnv = "REBOUND_INTERNAL_BACKUP_IN_PROCESS"

// dailyBackupDue is today's backup name when it is still to be made
// (one stat when it exists), else "".
func (s *Store) dailyBackupDue(now time.Time) string {
	day := now.In(time.Local).Format("2006-01-02")
	if _, err := os.Stat(s.DailyBackupPath(day)); err == nil {
		return ""
	}
	if fi, err := os.Stat(s.path); err != nil || fi.Size() == 0 {
		return ""
	}
	return day
}

// startDailyBackup makes day's backup of the journal as transaction tx
// left it: in a detached process of its own with BackgroundBackups (it
// outlives this one; a copy cut short is never a backup), else here.
func (s *Store) startDailyBackup(day string, tx uint64) {
	if (s.bgBackups || backupsInBackground.Load()) && os.Getenv(backupInProcessEnv) != "1" {
		if exe, err := os.Executable(); err == nil {
			cmd := exec.Command(exe, s.path, day, strconv.FormatUint(tx, 10))
			cmd.Env = append(os.Environ(), backupEnv+"=1")
			detach(cmd)
			if cmd.Start() == nil {
				go cmd.Wait() // reaped while this process lives (the app)
				return
			}
		}
	}
	_ = s.makeDailyBackup(day, tx) // best effort: doctor lists what exists
}

// makeDailyBackup writes day's backup (unless it exists) of the journal as
// transaction tx left it (or as it is, when tx is gone), and prunes.
func (s *Store) makeDailyBackup(day string, tx uint64) error {
	path := s.DailyBackupPath(day)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	if err := os.MkdirAll(s.BackupDir(), 0o700); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	for try := 0; try < 3; try++ {
		if err := s.copyUnlocked(path, tx); err == nil {
			return s.pruneDaily()
		}
		tx = 0 // a later transaction: the newest
	}
	if err := s.backupLocked(path); err != nil {
		return err
	}
	return s.pruneDaily()
}

// backupLocked copies the journal under its shared lock, as `rebound
// backup` does; a writer that times out meanwhile waits for it.
func (s *Store) backupLocked(path string) error {
	out, err := CreateOutput(path, ".rebound-backup-*")
	if err != nil {
		return err
	}
	defer out.Close()
	err = s.withDB(true, func(db *bolt.DB) error {
		defer s.longOp("today's backup")()
		return db.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(out)
			return err
		})
	})
	if err != nil {
		return err
	}
	return out.Commit()
}

// errMoved is a copy that more than one transaction committed during.
var errMoved = errors.New("the journal changed twice during the copy")

// copyUnlocked copies the journal as transaction want left it (the newest
// when want is 0 or no longer in a meta page) to path, without a lock.
func (s *Store) copyUnlocked(path string, want uint64) error {
	f, err := os.Open(s.path)
	if err != nil {
		return err
	}
	defer f.Close() // also lets go of the shared lock taken below
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	meta, m, err := pickMeta(f, want)
	if err != nil {
		return err
	}
	ps, hwm := int64(m.pageSize), int64(m.pgid)
	if hwm < 2 || hwm*ps > fi.Size() {
		return fmt.Errorf("the meta page counts %d pages; the file holds %d", hwm, fi.Size()/ps)
	}
	out, err := CreateOutput(path, ".rebound-backup-*")
	if err != nil {
		return err
	}
	defer out.Close()
	for id := range uint64(2) { // both meta pages: the transaction copied
		binary.NativeEndian.PutUint64(meta, id)
		if _, err := out.Write(meta); err != nil {
			return err
		}
	}
	if backupCopyHook != nil {
		backupCopyHook()
	}
	buf := make([]byte, 1<<20)
	if _, err := io.CopyBuffer(out, io.NewSectionReader(f, 2*ps, (hwm-2)*ps), buf); err != nil {
		return err
	}
	// No writer is mid-commit while the shared lock is held: the meta
	// pages say whether any page of the copied transaction may have been
	// written over.
	if err := s.lock(f, false); err != nil {
		return err
	}
	for _, off := range []int64{0, ps} {
		b := make([]byte, metaEnd)
		if n, _ := f.ReadAt(b, off); n < metaEnd {
			return errMoved
		}
		if now := parseMeta(b); !now.valid || now.txid > m.txid+1 {
			return errMoved
		}
	}
	if !pagesHealthy(out.tmp.Name()) {
		return errors.New("the copy's pages are not whole")
	}
	return out.Commit()
}

// backupCopyHook, when set (tests), runs in the middle of an unlocked copy.
var backupCopyHook func()

// pickMeta reads the journal's meta pages and returns the page (a whole
// page, ready to write) and meta of transaction want, or of the newest
// valid one when want is 0 or gone.
func pickMeta(f *os.File, want uint64) ([]byte, metaPage, error) {
	first := make([]byte, metaEnd)
	if n, _ := f.ReadAt(first, 0); n < metaEnd {
		return nil, metaPage{}, errors.New("the file is too short for a meta page")
	}
	ps := int64(os.Getpagesize())
	if m := parseMeta(first); m.valid {
		ps = int64(m.pageSize)
	}
	var best []byte
	var bm metaPage
	for _, off := range []int64{0, ps} {
		b := make([]byte, ps)
		if n, _ := f.ReadAt(b, off); int64(n) < ps {
			continue
		}
		m := parseMeta(b)
		if !m.valid || int64(m.pageSize) != ps {
			continue
		}
		if m.txid == want && want != 0 {
			return b, m, nil
		}
		if best == nil || m.txid > bm.txid {
			best, bm = b, m
		}
	}
	if best == nil {
		return nil, metaPage{}, errors.New("neither meta page is valid")
	}
	return best, bm, nil
}
