//go:build !windows && !plan9 && !solaris && !aix && !android

package store

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// leave writes a file as a killed process would have left it, last written
// age ago.
func leave(t *testing.T, path string, age time.Duration) string {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	must(t, os.WriteFile(path, []byte("half a file"), 0o600))
	at := time.Now().Add(-age)
	must(t, os.Chtimes(path, at, at))
	return path
}

// holdLock keeps an exclusive flock on path until the test ends, as a
// live writer does.
func holdLock(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	must(t, err)
	t.Cleanup(func() { f.Close() })
	must(t, syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB))
}

func exists(path string) bool { _, err := os.Lstat(path); return err == nil }

// TestWriteRemovesStaleTemps: the next write removes each kind of
// temporary a killed run leaves (a journal being created, an export, a
// backup, a daily backup, an import's copy) once it is stale, and keeps
// the ones a live process holds, the recent ones and anything not named
// as Rebound names its own.
func TestWriteRemovesStaleTemps(t *testing.T) {
	s := newStore(t)
	dir, bak := filepath.Dir(s.Path()), s.BackupDir()
	old := time.Hour
	stale := []string{
		leave(t, filepath.Join(dir, ".rebound.db.new-2847561"), old),
		leave(t, filepath.Join(dir, ".rebound-export-99120"), old),
		leave(t, filepath.Join(dir, ".rebound-backup-4411"), old),
		leave(t, filepath.Join(bak, ".rebound-backup-123456"), old),
		leave(t, s.Path()+".importing", old),
		leave(t, filepath.Join(dir, ".rebound-check-1234"), old),
	}
	locked := leave(t, filepath.Join(dir, ".rebound-export-777"), old)
	holdLock(t, locked)
	lockedBackup := leave(t, filepath.Join(bak, ".rebound-backup-778"), old)
	holdLock(t, lockedBackup)
	keep := []string{
		locked, lockedBackup,
		leave(t, filepath.Join(dir, ".rebound-export-31337"), time.Minute), // a live export, between writes
		leave(t, filepath.Join(dir, ".rebound.db.new-55"), 2*time.Minute),
		leave(t, filepath.Join(dir, ".rebound-export-x1"), old),        // not a name Rebound gives
		leave(t, filepath.Join(dir, ".other.db.new-12"), old),          // another journal's
		leave(t, filepath.Join(dir, "rebound-export-12"), old),         // no dot: not ours
		leave(t, filepath.Join(dir, "notes.txt"), old),                 // the user's
		leave(t, filepath.Join(bak, "rebound-2026-11-01.db"), old),     // a backup, not a temporary
		leave(t, filepath.Join(t.TempDir(), ".rebound-export-5"), old), // a folder the journal is not in
	}
	// A link named like a temporary is not followed, nor removed.
	link := filepath.Join(dir, ".rebound-export-4242")
	must(t, os.Symlink(keep[len(keep)-1], link))
	keep = append(keep, link)

	addNo(t, s, journal.No{Who: "Acme"})
	for _, p := range stale {
		if exists(p) {
			t.Errorf("stale %s is still there after a write", p)
		}
	}
	for _, p := range keep {
		if !exists(p) {
			t.Errorf("%s was removed", p)
		}
	}
}

// TestImportCopyKeptWhileJournalLocked: an import's copy is written under
// the journal's exclusive lock; while any process holds that lock the copy
// is kept, however old.
func TestImportCopyKeptWhileJournalLocked(t *testing.T) {
	s := newStore(t)
	cp := leave(t, s.Path()+".importing", time.Hour)
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	must(t, err)
	got := s.CleanTemps(time.Now())
	if len(got) != 1 || got[0].Path != cp || got[0].Removed || !got[0].InUse || got[0].What != ImportCopy {
		t.Fatalf("with the journal locked: %+v", got)
	}
	must(t, db.Close())
	got = s.CleanTemps(time.Now())
	if len(got) != 1 || !got[0].Removed || exists(cp) {
		t.Fatalf("with the journal free: %+v", got)
	}
}

// TestNewTempIsLockedUntilClosed: an export's temporary is in use while its
// writer has it open, whatever its age, and stale once the writer is gone.
func TestNewTempIsLockedUntilClosed(t *testing.T) {
	dir := t.TempDir()
	f, err := newTemp(dir, ".rebound-export-*")
	must(t, err)
	later := time.Now().Add(time.Hour)
	got := CleanOutputTemps(dir, later)
	if len(got) != 1 || got[0].Removed || !got[0].InUse {
		t.Fatalf("while written: %+v", got)
	}
	must(t, f.Close()) // as a killed process's descriptors are
	got = CleanOutputTemps(dir, later)
	if len(got) != 1 || !got[0].Removed || exists(f.Name()) {
		t.Fatalf("after: %+v", got)
	}
}

// TestOutputCleansItsFolder: a backup or export to a folder first removes
// the stale temporaries a killed one left there.
func TestOutputCleansItsFolder(t *testing.T) {
	s := newStore(t)
	dir := t.TempDir()
	old := leave(t, filepath.Join(dir, ".rebound-backup-8812"), time.Hour)
	recent := leave(t, filepath.Join(dir, ".rebound-export-8813"), time.Second)
	if _, err := s.BackupTo(filepath.Join(dir, "copy.db")); err != nil {
		t.Fatal(err)
	}
	if exists(old) || !exists(recent) {
		t.Fatalf("old there: %v, recent there: %v", exists(old), exists(recent))
	}
}

// TestMigrationBackupsPruned: pre-upgrade copies are pruned like the daily
// backups, the newest KeepMigrationBackups kept, the daily ones untouched.
func TestMigrationBackupsPruned(t *testing.T) {
	s := newStore(t)
	bak := s.BackupDir()
	var copies []string
	for i := range 6 {
		at := time.Date(2026, time.Month(1+i), 2, 3, 4, 5, 0, time.UTC).Format("20060102T150405.000Z")
		copies = append(copies, leave(t, filepath.Join(bak, fmt.Sprintf("rebound-schema%d-%s.db", i%2, at)), time.Hour))
	}
	daily := leave(t, filepath.Join(bak, "rebound-2026-11-01.db"), time.Hour)
	other := leave(t, filepath.Join(bak, "work-schema1-20260101T000000.000Z.db"), time.Hour) // another journal's
	must(t, s.AutoBackup(t0))                                                                // the first write of a day
	for i, p := range copies {
		if want := i >= len(copies)-KeepMigrationBackups; exists(p) != want {
			t.Errorf("%s: there %v, want %v", filepath.Base(p), exists(p), want)
		}
	}
	if !exists(daily) || !exists(other) {
		t.Errorf("pruned a daily backup or another journal's copy")
	}
}

// TestMigrationBackupPrunedAfterUpgrade: an upgrade keeps its own copy and
// prunes older ones beyond KeepMigrationBackups.
func TestMigrationBackupPrunedAfterUpgrade(t *testing.T) {
	path := copyFixture(t, "schema1.db")
	bak := filepath.Join(filepath.Dir(path), "backups")
	for i := range 4 {
		leave(t, filepath.Join(bak, fmt.Sprintf("rebound-schema1-2025010%dT000000.000Z.db", i+1)), time.Hour)
	}
	s, err := Open(path)
	must(t, err)
	mustCheck(t, s)
	baks, _ := filepath.Glob(filepath.Join(bak, "rebound-schema1-*.db"))
	if len(baks) != KeepMigrationBackups {
		t.Fatalf("copies after the upgrade: %v", baks)
	}
	if slices.Contains(baks, filepath.Join(bak, "rebound-schema1-20250102T000000.000Z.db")) {
		t.Errorf("an old copy survived and the new one may not have: %v", baks)
	}
	if left, _ := filepath.Glob(filepath.Join(bak, ".rebound-*")); len(left) > 0 {
		t.Errorf("temporaries left: %v", left)
	}
}

// TestExistingFolderNamedReboundKeepsItsMode: a folder called rebound that
// holds the user's own files (a source checkout) is not chmodded when a
// journal is put in it; one holding only the journal's files is.
func TestExistingFolderNamedReboundKeepsItsMode(t *testing.T) {
	checkout := filepath.Join(t.TempDir(), "rebound")
	must(t, os.Mkdir(checkout, 0o755))
	must(t, os.Chmod(checkout, 0o755)) // whatever the umask
	must(t, os.WriteFile(filepath.Join(checkout, "main.go"), []byte("package main\n"), 0o644))
	path := filepath.Join(checkout, "rebound.db")
	for range 2 { // creating the journal, then opening it
		s, err := Open(path)
		must(t, err)
		addNo(t, s, journal.No{Who: "Acme"})
		if m := mode(t, checkout); m != 0o755 {
			t.Fatalf("the checkout was chmodded to %04o", m)
		}
		if m := mode(t, path); m != 0o600 {
			t.Fatalf("journal %04o", m)
		}
	}

	// Loosened, with nothing but the journal, its backups and a temporary
	// in it: Rebound's own, tightened again.
	own := filepath.Join(t.TempDir(), "Rebound")
	path = filepath.Join(own, "j.db")
	s, err := Open(path)
	must(t, err)
	addNo(t, s, journal.No{Who: "Acme"}) // makes backups/
	leave(t, filepath.Join(own, ".rebound-export-1"), 0)
	must(t, os.Chmod(own, 0o755))
	if _, err := Open(path); err != nil {
		t.Fatal(err)
	}
	if m := mode(t, own); m != 0o700 {
		t.Fatalf("Rebound's own folder left at %04o", m)
	}
}
