package store

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// addOne logs one No (a write: the first of a day starts the backup).
func addOne(t testing.TB, s *Store, who string) {
	t.Helper()
	n := journal.No{Date: journal.Today(t0), Who: who, Said: "not now", CreatedAt: t0, UpdatedAt: t0, Outcome: journal.OutcomeOpen}
	must(t, s.AddNo(&n, t0))
}

// backupCount opens a backup and says how many No's it holds, after
// checking it whole (doctor finds nothing).
func backupCount(t testing.TB, path string) int {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(path)
	must(t, err)
	cp := filepath.Join(dir, "restored.db")
	must(t, os.WriteFile(cp, data, 0o600))
	b, err := Open(cp)
	must(t, err)
	ps, err := b.Check()
	must(t, err)
	for _, p := range ps {
		t.Errorf("the backup %s: %s: %s", filepath.Base(path), p.Kind, p.Detail)
	}
	n, err := b.Count()
	must(t, err)
	return n
}

func todaysBackup(s *Store) string { return s.DailyBackupPath(time.Now().Format("2006-01-02")) }

// TestDailyBackupIsTheJournalBeforeTheFirstWrite: the day's first write
// is followed by a backup of the journal as it was before that write,
// whole; later writes make no other.
func TestDailyBackupIsTheJournalBeforeTheFirstWrite(t *testing.T) {
	s := newStore(t)
	seedN(t, s, 300)
	must(t, os.RemoveAll(s.BackupDir())) // yesterday: no backup of today yet
	addOne(t, s, "First of the day")
	if got := backupCount(t, todaysBackup(s)); got != 300 {
		t.Fatalf("today's backup holds %d No's, want the 300 before the first write", got)
	}
	fi, err := os.Stat(todaysBackup(s))
	must(t, err)
	addOne(t, s, "Second")
	if fi2, err := os.Stat(todaysBackup(s)); err != nil || !fi2.ModTime().Equal(fi.ModTime()) {
		t.Fatal("the second write of the day made the backup again")
	}
	noTemps(t, s.BackupDir())
}

// TestUnlockedCopyWithWritesDuringIt: one write committed during the
// copy leaves the copied transaction whole (the backup is the journal
// before it); two may write over its pages, so the copy starts again from
// the newest and is whole too.
func TestUnlockedCopyWithWritesDuringIt(t *testing.T) {
	for _, c := range []struct {
		name   string
		writes int
		want   int
	}{{"one write", 1, 300}, {"two writes", 2, 302}} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			seedN(t, s, 300)
			must(t, os.RemoveAll(s.BackupDir()))
			var tx uint64
			must(t, s.withDB(true, func(db *bolt.DB) error {
				return db.View(func(btx *bolt.Tx) error { tx = uint64(btx.ID()); return nil })
			}))
			calls := 0
			backupCopyHook = func() {
				if calls++; calls == 1 {
					for i := range c.writes {
						n := journal.No{Date: journal.Today(t0), Who: "During " + string(rune('A'+i)), CreatedAt: t0, UpdatedAt: t0, Outcome: journal.OutcomeOpen}
						must(t, s.withDB(false, func(db *bolt.DB) error {
							return db.Update(func(btx *bolt.Tx) error {
								b, err := s.load(btx)
								if err != nil {
									return err
								}
								id, err := b.nos.NextSequence()
								if err != nil {
									return err
								}
								n.ID = id
								return writeOne(b, nil, &n)
							})
						}))
					}
				}
			}
			defer func() { backupCopyHook = nil }()
			day := time.Now().Format("2006-01-02")
			must(t, s.makeDailyBackup(day, tx))
			if got := backupCount(t, s.DailyBackupPath(day)); got != c.want {
				t.Fatalf("the backup holds %d No's, want %d", got, c.want)
			}
			if c.writes == 2 && calls < 2 {
				t.Fatal("the copy was not made again")
			}
			noTemps(t, s.BackupDir())
		})
	}
}

// TestDailyBackupRace: two processes that both find today's backup
// missing both copy; whichever renames last, the backup is whole.
func TestDailyBackupRace(t *testing.T) {
	s := newStore(t)
	seedN(t, s, 500)
	must(t, os.RemoveAll(s.BackupDir()))
	day := time.Now().Format("2006-01-02")
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			other := &Store{path: s.path, timeout: DefaultTimeout}
			if err := other.makeDailyBackup(day, 0); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := backupCount(t, s.DailyBackupPath(day)); got != 500 {
		t.Fatalf("the backup holds %d No's", got)
	}
	noTemps(t, s.BackupDir())
}

// TestBackgroundBackupAppearsWhole: with BackgroundBackups the first write
// starts a process of its own (this test binary, as rebound re-executes
// itself) that makes the backup: it appears, whole, and holds the journal
// as it was before the write; a copy cut short (a temporary) is never
// listed as a backup.
func TestBackgroundBackupAppearsWhole(t *testing.T) {
	s := newStore(t)
	seedN(t, s, 400)
	must(t, os.RemoveAll(s.BackupDir()))
	must(t, os.MkdirAll(s.BackupDir(), 0o700))
	cut := filepath.Join(s.BackupDir(), ".rebound-backup-4711") // a machine that died mid-copy
	must(t, os.WriteFile(cut, []byte("half a copy"), 0o600))
	bg := &Store{path: s.path, timeout: DefaultTimeout, bgBackups: true}
	addOne(t, bg, "First of the day")
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(todaysBackup(s)); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no backup a minute after the first write")
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The rename is the last step but for the folder's sync: wait for the
	// process's temporary to go, so the folder can be removed after.
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(s.BackupDir())
		busy := false
		for _, e := range entries {
			busy = busy || (strings.HasPrefix(e.Name(), ".rebound-backup-") && e.Name() != filepath.Base(cut))
		}
		if !busy {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := backupCount(t, todaysBackup(s)); got != 400 {
		t.Fatalf("the background backup holds %d No's, want the 400 before the write", got)
	}
	list, err := s.Backups()
	must(t, err)
	for _, b := range list {
		if b.Path == cut {
			t.Fatal("a temporary is listed as a backup")
		}
	}
}
