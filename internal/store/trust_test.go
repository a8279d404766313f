package store

// Trust II, parts 2 and 3: long reads never lock writers out, long writes
// make them wait instead of fail, and damaged pages crash nothing: doctor
// names them, export salvages every No it can read.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// seedN adds n No's, each with a unique said text ("needle-<i>-") to find
// its page in the file by.
func seedN(t testing.TB, s *Store, n int) {
	t.Helper()
	nos := make([]journal.No, n)
	for i := range nos {
		day := t0.AddDate(0, 0, -(i % 700))
		nos[i] = journal.No{
			Date: journal.Today(day), Who: fmt.Sprintf("Prospect %d", i%300),
			Said: fmt.Sprintf("needle-%d- not this quarter, the budget is spoken for", i+1), Reason: "timing",
			CreatedAt: day, UpdatedAt: day, Outcome: journal.OutcomeOpen,
		}
	}
	must(t, s.SeedNos(nos))
}

// TestCheckLetsWritersIn: a check reads a copy taken in one short read,
// so writers with a short lock timeout get in while it runs. Before, the
// check held the shared lock throughout and they failed busy.
func TestCheckLetsWritersIn(t *testing.T) {
	skipShort(t)
	s := newStore(t)
	n := 20000
	if os.Getenv("REBOUND_SOAK") != "" {
		n = 100000
	}
	seedN(t, s, n)
	// The copy alone: how long the check holds the journal's lock.
	for range 3 {
		t1 := time.Now()
		snap, err := s.snapshot()
		must(t, err)
		took := time.Since(t1)
		snap.remove()
		t.Logf("copying %d No's (%d MiB) for the check: %v", n, snap.size>>20, took)
	}
	w, err := Open(s.Path())
	must(t, err)
	w.timeout = 60 * time.Millisecond // the check of 20k takes 200 ms; its copy a few
	start := time.Now()
	var ps []Problem
	var checkErr error
	done := make(chan struct{})
	go func() {
		ps, checkErr = s.Check()
		close(done)
	}()
	var writes, slowest = 0, time.Duration(0)
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
			t1 := time.Now()
			n := journal.No{Who: "During the check"}
			if err := w.AddNo(&n, t0); err != nil {
				t.Fatalf("a write %v into the check failed: %v", time.Since(start), err)
			}
			slowest = max(slowest, time.Since(t1))
			writes++
			time.Sleep(20 * time.Millisecond)
		}
	}
	must(t, checkErr)
	if len(ps) > 0 {
		t.Fatalf("check: %v", ps)
	}
	t.Logf("check of %d No's took %v; %d writes landed meanwhile, the slowest in %v", n, time.Since(start), writes, slowest)
	if writes < 3 {
		t.Fatalf("only %d writes during the check", writes)
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), snapshotPrefix+"*")); len(matches) > 0 {
		t.Fatalf("the check left its copy behind: %v", matches)
	}
}

// holdLong holds the journal's exclusive lock for d, as a long write
// does; with a note when note is not "".
func holdLong(t *testing.T, s *Store, note string, d time.Duration, locked chan<- struct{}) {
	t.Helper()
	err := s.withDB(false, func(*bolt.DB) error {
		if note != "" {
			defer s.longOp(note)()
		}
		close(locked)
		time.Sleep(d)
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

// TestWritersWaitForALongWrite: a write that finds the lock held by a
// long write with a note waits for it (saying so once) and succeeds;
// without a note (or with a dead process's) it fails busy as before.
func TestWritersWaitForALongWrite(t *testing.T) {
	skipShort(t)
	s := newStore(t)
	var heard []string
	var mu sync.Mutex
	w, err := Open(s.Path(), OnWait(func(what string) {
		mu.Lock()
		heard = append(heard, what)
		mu.Unlock()
	}))
	must(t, err)

	locked := make(chan struct{})
	go holdLong(t, s, "an import", 2500*time.Millisecond, locked)
	<-locked
	start := time.Now()
	n := journal.No{Who: "Patient"}
	if err := w.AddNo(&n, t0); err != nil {
		t.Fatalf("a write during a long import failed: %v", err)
	}
	if took := time.Since(start); took < 2*time.Second {
		t.Fatalf("the write did not wait for the import: %v", took)
	}
	equal(t, "what the waiting writer heard", heard, []string{"an import"})
	if notes, _ := filepath.Glob(busyPrefix(s.target()) + "*"); len(notes) != 0 {
		t.Fatalf("the note outlived the import: %v", notes)
	}

	// A long hold with no note is someone else's: busy after the timeout.
	locked = make(chan struct{})
	go holdLong(t, s, "", 2500*time.Millisecond, locked)
	<-locked
	if err := w.AddNo(&n, t0); !errors.Is(err, ErrBusy) {
		t.Fatalf("want busy without a note, got %v", err)
	}
	time.Sleep(2 * time.Second)

	// A note whose process is dead is ignored, and removed.
	dead := exec.Command("true")
	must(t, dead.Run())
	stale := busyPrefix(s.target()) + fmt.Sprint(dead.Process.Pid)
	must(t, os.WriteFile(stale, []byte("an import"), 0o600))
	locked = make(chan struct{})
	go holdLong(t, s, "", 2500*time.Millisecond, locked)
	<-locked
	if err := w.AddNo(&n, t0); !errors.Is(err, ErrBusy) {
		t.Fatalf("want busy with a dead process's note, got %v", err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatalf("the dead process's note is still there: %v", err)
	}
	time.Sleep(2 * time.Second)
}

// pageOf is the number of the page in use (reachable from the root) of
// the bbolt file at path that holds the bytes needle, and the page size.
// Freed pages keep old copies of records, so the first match will not do.
func pageOf(t *testing.T, path string, needle string) (int, int) {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	w, err := walkPages(path)
	must(t, err)
	ps := int(w.ps)
	for off := 0; ; {
		i := bytes.Index(data[off:], []byte(needle))
		if i < 0 {
			t.Fatalf("%q is on no page in use", needle)
		}
		if p := (off + i) / ps; w.seen[uint64(p)] {
			return p, ps
		}
		off += i + 1
	}
}

// patchFile changes the bytes of path at off.
func patchFile(t *testing.T, path string, off int, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	must(t, err)
	_, err = f.WriteAt(b, int64(off))
	must(t, err)
	must(t, f.Close())
}

func problemText(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%s: %s\n", p.Kind, p.Detail)
	}
	return b.String()
}

// TestCheckSurvivesAPageThatHangsBbolt: a leaf page whose header claims
// two billion overflow pages sends bbolt's own check into a loop that
// fills memory (in-process, doctor hung and then died). The child that
// runs it is stopped and the page is named.
func TestCheckSurvivesAPageThatHangsBbolt(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "rebound.db"))
	must(t, err)
	seedN(t, s, 2000)
	page, ps := pageOf(t, s.Path(), "needle-1000-")
	patchFile(t, s.Path(), page*ps+12, []byte{0xff, 0xff, 0xff, 0x7f})
	defer func(f func(int64) time.Duration) { pageCheckTime = f }(pageCheckTime)
	pageCheckTime = func(int64) time.Duration { return 5 * time.Second }

	start := time.Now()
	problems, err := s.Check()
	must(t, err)
	text := problemText(problems)
	t.Logf("check took %v:\n%s", time.Since(start), text)
	if !strings.Contains(text, "bbolt's page check did not finish: it was not run") {
		t.Errorf("the check does not say bbolt's page check was not run:\n%s", text)
	}
	if want := fmt.Sprintf("page %d is damaged: claiming to run past the end of the used pages", page); !strings.Contains(text, want) {
		t.Errorf("want %q in:\n%s", want, text)
	}
}

// TestCheckNamesDamagedPages: zeroed and swapped pages are named by
// number, in words, and the check returns (it used to crash on some).
func TestCheckNamesDamagedPages(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"zeroed", "is damaged: headed with another page's number"},
		{"swapped", "damaged: headed with another page's number"},
		{"meta", "meta page 0 is damaged"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(filepath.Join(t.TempDir(), "rebound.db"))
			must(t, err)
			seedN(t, s, 2000)
			page, ps := pageOf(t, s.Path(), "needle-1000-")
			other, _ := pageOf(t, s.Path(), "needle-30-")
			data, err := os.ReadFile(s.Path())
			must(t, err)
			switch c.name {
			case "zeroed":
				patchFile(t, s.Path(), page*ps, make([]byte, ps))
			case "swapped":
				patchFile(t, s.Path(), page*ps, data[other*ps:(other+1)*ps])
				patchFile(t, s.Path(), other*ps, data[page*ps:(page+1)*ps])
			case "meta":
				patchFile(t, s.Path(), metaOffset+30, []byte{data[metaOffset+30] ^ 0x10})
			}
			problems, err := s.Check()
			must(t, err)
			text := problemText(problems)
			if !strings.Contains(text, c.want) {
				t.Fatalf("want %q in:\n%s", c.want, text)
			}
			if c.name != "meta" && !strings.Contains(text, fmt.Sprint(page)) {
				t.Fatalf("page %d is not named:\n%s", page, text)
			}
		})
	}
}

func TestDescribePagesInWords(t *testing.T) {
	got := describePages([]string{
		"page 5: unreachable unfreed", "page 6: unreachable unfreed", "page 7: unreachable unfreed",
		"page 9: unreachable unfreed", "page 12: multiple references (stack: [3 12])",
		"assertion failed: Page expected to be: 40, but self identifies as 0",
		"something bbolt never said before",
	}, nil)
	equal(t, "problems", got, []Problem{
		{"pages", "pages 5–7, 9 (4 in all) are damaged: neither in use nor free (space is lost, no data)"},
		{"pages", "page 12 is damaged: used twice"},
		{"pages", "page 40 is damaged: headed with another page's number"},
		{"pages", "bbolt's page check: something bbolt never said before"},
	})
}

// allIDs is every No id of the store, read through the by_day index.
func exported(t *testing.T, s *Store) []uint64 {
	t.Helper()
	var got []uint64
	_, err := s.ExportNos(false, func(n journal.No) error {
		got = append(got, n.ID)
		return nil
	})
	must(t, err)
	slices.Sort(got)
	return got
}

// TestExportLeavesOutOnlyWhatItCannotRead: an undecodable No and a
// zeroed leaf page cost only the No's they hold; every other No is
// exported and the lost ones are named, one line each.
func TestExportLeavesOutOnlyWhatItCannotRead(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "rebound.db"))
	must(t, err)
	seedN(t, s, 3000)
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		return tx.Bucket(bucketNos).Put(idKey(7), []byte{valueV2, '{', 'x'})
	})
	page, ps := pageOf(t, s.Path(), "needle-1500-")
	data, err := os.ReadFile(s.Path())
	must(t, err)
	// The ids on that page, from its bytes, before it is zeroed.
	var onPage []uint64
	for id := uint64(1); id <= 3000; id++ {
		if bytes.Contains(data[page*ps:(page+1)*ps], []byte(fmt.Sprintf("needle-%d-", id))) {
			onPage = append(onPage, id)
		}
	}
	patchFile(t, s.Path(), page*ps, make([]byte, ps))

	got := exported(t, s)
	lines, summary := s.Unreadable()
	var want []uint64
	for id := uint64(1); id <= 3000; id++ {
		if id != 7 && !slices.Contains(onPage, id) {
			want = append(want, id)
		}
	}
	equal(t, "exported ids", got, want)
	if !strings.Contains(summary, "7") || len(lines) < 2 {
		t.Fatalf("the lost No's are not named: %q\n%s", summary, strings.Join(lines, "\n"))
	}
	named := strings.Join(lines, "\n")
	for _, id := range append([]uint64{7}, onPage...) {
		if !strings.Contains(named, fmt.Sprintf("No %d could not be read", id)) {
			t.Errorf("No %d is not named:\n%s", id, named)
		}
	}
	t.Logf("%d of 3000 exported; %d lines:\n%s", len(got), len(lines), named)
}

// TestCheckWithoutRoomForACopy: when no folder takes the copy, the
// journal is checked in place (holding its shared lock, as before).
func TestCheckWithoutRoomForACopy(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "rebound.db"))
	must(t, err)
	seedN(t, s, 500)
	defer func(f func(*Store) []string) { snapshotDirs = f }(snapshotDirs)
	snapshotDirs = func(*Store) []string { return []string{filepath.Join(t.TempDir(), "gone", "away")} }
	problems, err := s.Check()
	must(t, err)
	if len(problems) > 0 {
		t.Fatalf("a healthy journal: %s", problemText(problems))
	}
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketWaiting)
		k, _ := b.Cursor().First()
		return b.Delete(k)
	})
	problems, err = s.Check()
	must(t, err)
	if !strings.Contains(problemText(problems), "waiting has") {
		t.Fatalf("the damaged index is not found in place:\n%s", problemText(problems))
	}
}
