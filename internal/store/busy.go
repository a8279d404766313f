package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A long write (a large import, doctor --repair's rebuild) holds the
// journal's exclusive lock for seconds, far past the second a `log` waits
// before it says the journal is busy. While it holds the lock it leaves a
// note next to the journal, ".<journal>.busy-<pid>", holding one word of
// what it does; a process whose lock attempt times out looks for a note of
// a live process and then waits for it (saying so once) instead of
// failing. One note per process: two long operations (say, two doctors
// copying the journal at once) never remove each other's note, and a
// killed one's note names a dead pid, which is ignored and swept.

// Option changes how Open sets up a Store.
type Option func(*Store)

// OnWait sets what a Store calls, once, when it starts waiting for
// another process's long write ("an import", "a repair"): the command line
// prints "Waiting for an import to finish…". Without it the Store waits
// silently.
func OnWait(f func(what string)) Option { return func(s *Store) { s.onWait = f } }

// longWait is how long an operation waits for a long write it was told
// about: generous, since the writer is alive and making progress (an
// import of a million No's takes a minute or two).
var longWait = 30 * time.Minute

// busyPrefix is the start of the notes' names of the journal at target.
func busyPrefix(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".busy-")
}

func (s *Store) target() string {
	if t, err := filepath.EvalSymlinks(s.path); err == nil {
		return t
	}
	return s.path
}

// longOp leaves this process's note saying what it does (the caller
// holds the journal's lock) and returns what removes it. A waiter that
// finds the lock still held a moment after the note went tries once more
// for the usual second (lock), so the note may go before the lock does.
func (s *Store) longOp(what string) (done func()) {
	note := busyPrefix(s.target()) + strconv.Itoa(os.Getpid())
	// Best effort: without a note (a read-only folder) others fail busy
	// after their second, as they did before notes.
	if err := os.WriteFile(note, []byte(what), 0o600); err != nil {
		return func() {}
	}
	return func() { os.Remove(note) }
}

// longWriter is what a live long operation on the journal says it does,
// or "" when none does. Notes of dead processes are removed.
func (s *Store) longWriter() string {
	prefix := busyPrefix(s.target())
	names, _ := filepath.Glob(globEscape(prefix) + "*")
	for _, name := range names {
		pid, err := strconv.Atoi(strings.TrimPrefix(name, prefix))
		if err != nil || pid <= 0 {
			continue
		}
		if !alive(pid) {
			os.Remove(name)
			continue
		}
		if b, err := os.ReadFile(name); err == nil && len(b) > 0 && len(b) < 64 {
			return string(b)
		}
	}
	return ""
}

// globEscape quotes the glob metacharacters of a path.
func globEscape(p string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(p)
}

// lock takes f's lock within the Store's timeout, or, when a live process
// left a note of a long write, for as long as that write lasts (up to
// longWait), telling onWait once.
func (s *Store) lock(f *os.File, exclusive bool) error {
	err := lockFile(f, exclusive, s.timeout)
	if !errors.Is(err, bolt.ErrTimeout) {
		return err
	}
	deadline := time.Now().Add(longWait)
	for time.Now().Before(deadline) {
		what := s.longWriter()
		if what == "" {
			// The long write just ended (or there is none): one more
			// ordinary try for the lock it let go of.
			return lockFile(f, exclusive, s.timeout)
		}
		if s.onWait != nil && s.told.CompareAndSwap(false, true) {
			s.onWait(what)
		}
		if err := lockFile(f, exclusive, time.Second); !errors.Is(err, bolt.ErrTimeout) {
			return err
		}
	}
	return fmt.Errorf("waited %v for %s: %w", longWait, s.longWriter(), bolt.ErrTimeout)
}
