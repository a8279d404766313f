package store

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The calendar file (`rebound settings --ics-file PATH`) is the open
// follow-ups as an iCalendar file, kept up to date after every write. Its
// writing decodes every open follow-up, so it never runs on the write
// path: the write reads one meta key inside its own transaction, and when
// it is set, a detached process of this executable (as for the daily
// backup) writes the file after the commit, so `rebound log` returns as
// fast as without it. Tests and the end-to-end runs
// (REBOUND_INTERNAL_BACKUP_IN_PROCESS) write it in the process instead.
//
// The setting lives in the meta bucket, not in the settings the export
// carries: it names a path on this machine, and importing someone else's
// export must never make Rebound write where they chose.

// CalendarFile is where the calendar is kept, and whether its events carry
// what would need to change and the next step.
type CalendarFile struct {
	Path    string `json:"path"`
	Details bool   `json:"details,omitempty"`
}

var keyCalendar = []byte("calendar_file")

// CalendarFile is the calendar file setting (Path "" when off).
func (s *Store) CalendarFile() (CalendarFile, error) {
	var cf CalendarFile
	err := s.view(func(_ *bolt.Tx, b *buckets) error {
		if v := b.meta.Get(keyCalendar); v != nil {
			if err := json.Unmarshal(v, &cf); err != nil {
				return s.corrupt(fmt.Errorf("calendar file setting: %w", err))
			}
		}
		return nil
	})
	return cf, wrapOp("read the calendar file setting", err)
}

// SetCalendarFile saves the setting (Path "": off). The path must be
// absolute: the background writer runs in another folder.
func (s *Store) SetCalendarFile(cf CalendarFile) error {
	if cf.Path != "" && !filepath.IsAbs(cf.Path) {
		return fmt.Errorf("save the calendar file setting: %s is not an absolute path", cf.Path)
	}
	err := s.update(func(_ *bolt.Tx, b *buckets) error {
		if cf.Path == "" {
			return b.meta.Delete(keyCalendar)
		}
		v, err := json.Marshal(cf)
		if err != nil {
			return err
		}
		return b.meta.Put(keyCalendar, v)
	})
	return wrapOp("save the calendar file setting", err)
}

// CalendarWriter writes the calendar of the journal s to w (cli sets it:
// the format is not the store's business).
type CalendarWriter func(s *Store, w io.Writer, details bool) error

var calendarWriter atomic.Pointer[CalendarWriter]

// SetCalendarWriter sets what writes the calendar file after a write.
func SetCalendarWriter(fn CalendarWriter) {
	if fn == nil {
		calendarWriter.Store(nil)
		return
	}
	calendarWriter.Store(&fn)
}

// calendarEnv makes this executable, started with the journal as its
// argument, write the journal's calendar file and exit (RunCalendarChild).
const calendarEnv = "REBOUND_INTERNAL_CALENDAR"

// RunCalendarChild writes the calendar file and exits when this process
// was started for that (the program calls it first thing, once the
// writer is set).
func RunCalendarChild() {
	if os.Getenv(calendarEnv) != "1" || len(os.Args) != 2 {
		return
	}
	// Out of the way of the command that started it, which is still
	// exiting: a lower priority, and a moment's wait (writes in a row
	// started as many of these; one rewrites, see RefreshCalendarFile).
	yieldCPU()
	time.Sleep(50 * time.Millisecond)
	// Started from inside a write: its read waits for that write's lock.
	s := &Store{path: os.Args[1], timeout: time.Minute}
	if err := s.RefreshCalendarFile(); err != nil {
		os.Exit(1)
	}
	os.Exit(0)
}

// spawnCalendarWriter starts the detached writer from inside a write
// transaction, in a goroutine, so that starting a process (a fork and an
// exec: a millisecond or two) happens while the write commits and syncs.
// The writer reads the journal only once this write has let go of the
// file: its read waits for the write's lock. The channel says whether a
// process started (nil: none is started here, as in tests; the write
// then refreshes in the process, after it commits).
func (s *Store) spawnCalendarWriter() <-chan bool {
	if !(s.bgBackups || backupsInBackground.Load()) || os.Getenv(backupInProcessEnv) == "1" {
		return nil
	}
	done := make(chan bool, 1)
	go func() {
		exe, err := os.Executable()
		if err != nil {
			done <- false
			return
		}
		done <- spawnDetached(delayed(exe, s.path).Args, append(os.Environ(), calendarEnv+"=1"))
	}()
	return done
}

// startCalendarRefresh writes the calendar file after a write: in a
// detached process when backups go to one (the program), else here.
func (s *Store) startCalendarRefresh() {
	if (s.bgBackups || backupsInBackground.Load()) && os.Getenv(backupInProcessEnv) != "1" {
		if exe, err := os.Executable(); err == nil {
			cmd := exec.Command(exe, s.path)
			cmd.Env = append(os.Environ(), calendarEnv+"=1")
			detach(cmd)
			if cmd.Start() == nil {
				go cmd.Wait()
				return
			}
		}
	}
	_ = s.RefreshCalendarFile() // best effort: `rebound followups --ics` says what fails
}

// RefreshCalendarFile writes the calendar file now, when one is set:
// through a temp file renamed over it (0600), one writer at a time (a
// lock on its folder), so the last write's calendar is the one that stays:
// a writer started later reads the journal after an earlier one let go.
//
// Writes in a row coalesce: a refresh first takes a "next" lock without
// waiting. When another refresh holds it, that one has not read the
// journal yet and will read it after this write's commit, so this one has
// nothing to add and stops. Otherwise it waits for the folder's lock and
// lets go of "next" just before it reads, so a later write queues the one
// refresh that follows. Ten logs in a row rewrite a calendar of 100,000
// follow-ups twice, not ten times.
func (s *Store) RefreshCalendarFile() error {
	p := calendarWriter.Load()
	if p == nil {
		return nil
	}
	cf, err := s.CalendarFile()
	if err != nil || cf.Path == "" {
		return err
	}
	// "next" is a lock on the calendar file as it is (a regular file; it is
	// replaced by a rename only after its writer let go of "next").
	var next *os.File
	if fi, err := os.Stat(cf.Path); err == nil && fi.Mode().IsRegular() {
		if next, err = os.Open(cf.Path); err == nil {
			defer next.Close()
			if lockFile(next, true, time.Nanosecond) != nil {
				return nil // the refresh queued before this one reads after this write
			}
		}
	}
	return s.writeCalendarFile(cf, *p, next)
}

// WriteCalendarFile writes cf's file with write, atomically.
func (s *Store) WriteCalendarFile(cf CalendarFile, write CalendarWriter) error {
	return s.writeCalendarFile(cf, write, nil)
}

// writeCalendarFile is WriteCalendarFile that lets go of next (the queue
// of RefreshCalendarFile; nil: none) once it holds the folder's lock.
func (s *Store) writeCalendarFile(cf CalendarFile, write CalendarWriter, next *os.File) error {
	dir, err := os.Open(filepath.Dir(cf.Path))
	if err != nil {
		return fmt.Errorf("write the calendar file: %w", err)
	}
	defer dir.Close() // lets go of the lock
	if err := lockFile(dir, true, 5*time.Minute); err != nil {
		return fmt.Errorf("write the calendar file: wait for another writer: %w", err)
	}
	if next != nil {
		next.Close() // lets go of "next": a later write queues its refresh
	}
	out, err := CreateOutput(cf.Path, ".rebound-export-*")
	if err != nil {
		return fmt.Errorf("write the calendar file: %w", err)
	}
	defer out.Close()
	if err := write(s, out, cf.Details); err != nil {
		return err
	}
	if err := out.Commit(); err != nil {
		return fmt.Errorf("write the calendar file: %w", err)
	}
	return nil
}
