package store

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestCalendarFileFollowsWrites: once set, every write rewrites the
// calendar file (here in the process, as tests do) with what the journal
// holds after it, 0600 and whole; a failed write and an unset setting
// write nothing.
func TestCalendarFileFollowsWrites(t *testing.T) {
	s := newStore(t)
	var writes atomic.Int64
	SetCalendarWriter(func(st *Store, w io.Writer, details bool) error {
		if st.Path() != s.Path() {
			return nil // another test's journal
		}
		writes.Add(1)
		rows, _, err := st.FollowUpRowsPage("", nil, 100)
		if err != nil {
			return err
		}
		for _, r := range rows {
			fmt.Fprintf(w, "%s %s %v\n", r.Due, r.Who, details)
		}
		return nil
	})
	t.Cleanup(func() { SetCalendarWriter(nil) })

	path := filepath.Join(t.TempDir(), "f.ics")
	addNo(t, s, journal.No{Date: "2026-11-19", Who: "Before", Mode: "sales", FollowUp: "2026-11-25"})
	if writes.Load() != 0 {
		t.Fatal("a write with no calendar file set wrote one")
	}
	if err := s.SetCalendarFile(CalendarFile{Path: "rel.ics"}); err == nil {
		t.Error("a relative path was saved")
	}
	must(t, s.SetCalendarFile(CalendarFile{Path: path, Details: true}))
	read := func() string {
		t.Helper()
		b, err := os.ReadFile(path)
		must(t, err)
		return string(b)
	}
	if got := read(); got != "2026-11-25 Before true\n" {
		t.Errorf("after the setting: %q", got)
	}
	addNo(t, s, journal.No{Date: "2026-11-20", Who: "Acme", Mode: "sales", FollowUp: "2026-11-22"})
	if got := read(); got != "2026-11-22 Acme true\n2026-11-25 Before true\n" {
		t.Errorf("after a log: %q", got)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	cf, err := s.CalendarFile()
	must(t, err)
	if cf != (CalendarFile{Path: path, Details: true}) {
		t.Errorf("setting %+v", cf)
	}

	n := writes.Load()
	bad := journal.No{Who: "", Mode: "sales"} // no date: refused
	if err := s.AddNo(&bad, t0); err == nil {
		t.Fatal("a No without a date was saved")
	}
	if writes.Load() != n {
		t.Error("a failed write rewrote the calendar")
	}

	must(t, s.SetCalendarFile(CalendarFile{}))
	addNo(t, s, journal.No{Date: "2026-11-20", Who: "After", Mode: "sales", FollowUp: "2026-11-23"})
	if strings.Contains(read(), "After") {
		t.Error("the calendar followed a write after it was turned off")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the folder holds %v", entries)
	}
}

// TestCalendarRefreshesCoalesce: while one refresh waits for the folder
// (another is writing), the refreshes after it stop at once: the waiting
// one reads the journal after their writes. One rewrite, with everything.
func TestCalendarRefreshesCoalesce(t *testing.T) {
	s := newStore(t)
	var writes atomic.Int64
	SetCalendarWriter(func(st *Store, w io.Writer, _ bool) error {
		if st.Path() != s.Path() {
			return nil
		}
		writes.Add(1)
		rows, _, err := st.FollowUpRowsPage("", nil, 100)
		for _, r := range rows {
			fmt.Fprintln(w, r.Who)
		}
		return err
	})
	t.Cleanup(func() { SetCalendarWriter(nil) })
	dir := t.TempDir()
	path := filepath.Join(dir, "f.ics")
	must(t, s.SetCalendarFile(CalendarFile{Path: path}))
	writes.Store(0)

	// Another writer holds the folder.
	d, err := os.Open(dir)
	must(t, err)
	must(t, lockFile(d, true, time.Second))
	first := make(chan error)
	go func() { first <- s.RefreshCalendarFile() }()
	time.Sleep(200 * time.Millisecond) // it holds "next" and waits for the folder
	for _, who := range []string{"A", "B", "C"} {
		addNo(t, s, journal.No{Date: "2026-11-20", Who: who, Mode: "sales", FollowUp: "2026-11-25"})
	}
	// (each write's own refresh returned at once: "next" is taken)
	if n := writes.Load(); n != 0 {
		t.Fatalf("%d rewrites while the folder was held", n)
	}
	d.Close()
	must(t, <-first)
	if n := writes.Load(); n != 1 {
		t.Errorf("%d rewrites, want 1", n)
	}
	b, err := os.ReadFile(path)
	must(t, err)
	if string(b) != "A\nB\nC\n" {
		t.Errorf("the calendar holds %q", b)
	}
}
