package store

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"

	"github.com/charmbracelet/x/term"
)

// Output is where export and backup write a file the user named.
//
// A new path or a regular file is written to a temp file (0600) in the
// same folder, synced, and renamed over the path by Commit, and the folder
// is synced so the rename survives a crash: a failed write never leaves
// half a file, and the old file stays until the new one is complete.
//
// Anything else is written in place, as a shell redirect would: a
// character device (/dev/null, a terminal), a named pipe or a socket is
// opened for writing, never removed, truncated or chmodded; /dev/stdout
// and /dev/stderr write to the descriptor this process already holds. Replacing them with a file broke /dev/null for the whole machine.
//
// A symbolic link to a regular file is followed: its target is replaced
// (temp file in the target's folder), so the link keeps pointing where the
// user put it. A link to nothing is refused, as cp refuses it, rather
// than creating a file somewhere the user may not expect.
type Output struct {
	w      io.Writer
	target string   // the path renamed over; "" when written in place
	tmp    *os.File // the temp file, or the file written in place
	closer io.Closer
	term   bool
	done   bool
}

// CreateOutput opens path for writing as Output describes; tempPrefix
// names the temp file (".rebound-export-*"). Close it when done; Commit
// makes the result final.
func CreateOutput(path, tempPrefix string) (*Output, error) {
	if f := stdStream(path); f != nil {
		// Not ours to close: the shell that opened it does.
		return &Output{w: f, term: term.IsTerminal(f.Fd())}, nil
	}
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return createTemp(path, tempPrefix)
	case err != nil:
		return nil, err
	case fi.Mode()&os.ModeSymlink != 0:
		fi, err = os.Stat(path)
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s is a link to a file that does not exist; name the file itself", path)
		}
		if err != nil {
			return nil, err
		}
		if fi.Mode().IsRegular() {
			real, err := filepath.EvalSymlinks(path)
			if err != nil {
				return nil, err
			}
			return createTemp(real, tempPrefix)
		}
	case fi.Mode().IsRegular():
		return createTemp(path, tempPrefix)
	}
	// fi is what path names, links followed, and not a regular file.
	switch m := fi.Mode(); {
	case m.IsDir():
		return nil, fmt.Errorf("%s is a folder; name a file in it", path)
	case m&os.ModeSocket != 0:
		c, err := net.Dial("unix", path)
		if err != nil {
			return nil, err
		}
		return &Output{w: c, closer: c}, nil
	}
	// A device or a named pipe: no O_CREATE, no O_TRUNC (a pipe or device
	// has nothing to truncate, and a device must stay the device it is).
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	return &Output{w: f, closer: f, term: term.IsTerminal(f.Fd())}, nil
}

// createTemp starts the temp file that Commit renames over target. It is
// locked while this process writes it, and stale ones a killed run left in
// that folder are removed first (newTemp, temps.go).
func createTemp(target, prefix string) (*Output, error) {
	f, err := newTemp(filepath.Dir(target), prefix)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &Output{w: f, target: target, tmp: f, closer: f}, nil
}

// stdPath matches the names of this process's standard output and error.
var stdPath = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^/(?:dev/std(out|err)|(?:dev/fd|proc/self/fd|proc/thread-self/fd|proc/(\d+)/fd)/([12]))$`)
})

// stdStream is os.Stdout or os.Stderr when path names it (/dev/stdout,
// /dev/fd/2...), else nil. Writing to the descriptor this process holds
// keeps the shell's own redirect: its offset, its append mode, its file;
// reopening the name would start again at offset 0 or replace the file.
func stdStream(path string) *os.File {
	m := stdPath().FindStringSubmatch(filepath.Clean(path))
	if m == nil || (m[2] != "" && m[2] != strconv.Itoa(os.Getpid())) {
		return nil
	}
	if m[1] == "out" || m[3] == "1" {
		return os.Stdout
	}
	return os.Stderr
}

// Write writes to the output.
func (o *Output) Write(p []byte) (int, error) { return o.w.Write(p) }

// Terminal reports whether the output is a terminal, where text must be
// made inert before it is written.
func (o *Output) Terminal() bool { return o.term }

// Commit makes what was written final: the temp file is synced, renamed
// over the path and the folder synced; an output written in place is
// closed.
func (o *Output) Commit() error {
	if o.done {
		return nil
	}
	o.done = true
	if o.target == "" {
		if o.closer != nil {
			return o.closer.Close()
		}
		return nil
	}
	err := o.tmp.Sync()
	if cerr := o.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(o.tmp.Name(), o.target)
	}
	if err != nil {
		os.Remove(o.tmp.Name())
		return err
	}
	return commitSync(filepath.Dir(o.target))
}

// commitSync is syncDir, the one helper that makes a rename durable; a
// variable so a test can see every rename followed by a sync of its folder.
var commitSync = syncDir

// Close abandons an output that was not committed: the temp file is
// removed and the path left as it was. After Commit it does nothing.
func (o *Output) Close() error {
	if o.done {
		return nil
	}
	o.done = true
	var err error
	if o.closer != nil {
		err = o.closer.Close()
	}
	if o.tmp != nil && o.target != "" {
		os.Remove(o.tmp.Name())
	}
	return err
}
