package store

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// countIn opens backup bytes as a journal and returns its No count.
func countIn(t *testing.T, data []byte) int {
	t.Helper()
	p := filepath.Join(t.TempDir(), "copy.db")
	must(t, os.WriteFile(p, data, 0o600))
	b, err := Open(p)
	must(t, err)
	mustCheck(t, b)
	c, err := b.Count()
	must(t, err)
	return c
}

// noTemps fails if a temp file of CreateOutput is left in dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, ".rebound-*"))
	if len(left) > 0 {
		t.Errorf("temp files left behind: %v", left)
	}
}

// A new path and an existing regular file go through a temp file and a
// rename: 0600, whole content, no temp left; an abandoned output leaves
// the old file as it was.
func TestBackupToRegularFile(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	want, _ := s.Count()
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "b.db")
	if _, err := s.BackupTo(path); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.db")
	must(t, os.WriteFile(old, []byte("old"), 0o644))
	if _, err := s.BackupTo(old); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, old} {
		fi, err := os.Lstat(p)
		must(t, err)
		if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want a 0600 regular file", p, fi.Mode())
		}
		data, _ := os.ReadFile(p)
		if c := countIn(t, data); c != want {
			t.Errorf("%s holds %d No's, want %d", p, c, want)
		}
	}
	noTemps(t, dir)
	noTemps(t, filepath.Join(dir, "sub"))

	o, err := CreateOutput(old, ".rebound-export-*")
	must(t, err)
	io.WriteString(o, "half")
	must(t, o.Close())
	if data, _ := os.ReadFile(old); countIn(t, data) != want {
		t.Error("an abandoned output changed the file")
	}
	noTemps(t, dir)
}

// Every rename is followed by a sync of the folder it happened in, for a
// manual backup and the daily one, and the file is complete by then.
func TestBackupSyncsFolderAfterRename(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	var synced []string
	commitSync = func(dir string) error {
		synced = append(synced, dir)
		if left, _ := filepath.Glob(filepath.Join(dir, ".rebound-*")); len(left) > 0 {
			t.Errorf("folder synced before the rename: %v", left)
		}
		return syncDir(dir)
	}
	t.Cleanup(func() { commitSync = syncDir })
	dir := t.TempDir()
	if _, err := s.BackupTo(filepath.Join(dir, "m.db")); err != nil {
		t.Fatal(err)
	}
	if err := s.AutoBackup(t0); err != nil {
		t.Fatal(err)
	}
	want := []string{dir, s.BackupDir()}
	if strings.Join(synced, "|") != strings.Join(want, "|") {
		t.Fatalf("folders synced %q, want %q", synced, want)
	}
	daily := s.DailyBackupPath(t0.In(time.Local).Format("2006-01-02"))
	if data, _ := os.ReadFile(daily); countIn(t, data) == 0 {
		t.Fatalf("the daily backup %s holds nothing", daily)
	}
}

// readFIFO reads everything written to the named pipe at path.
func readFIFO(path string) <-chan []byte {
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(path) // blocks until a writer opens it
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	return got
}

// A named pipe is written in place, and stays a pipe.
func TestBackupToFIFO(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	want, _ := s.Count()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	must(t, syscall.Mkfifo(fifo, 0o600))
	got := readFIFO(fifo)
	if _, err := s.BackupTo(fifo); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-got:
		if c := countIn(t, b); c != want {
			t.Errorf("the pipe carried %d No's, want %d", c, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written to the pipe")
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the pipe is now %v (%v)", fi.Mode(), err)
	}
	noTemps(t, dir)
}

// A character device is written in place: a private copy of /dev/null
// (made with mknod, so the machine's own is never at risk) stays the same
// device, with its mode untouched.
func TestBackupToCharDevice(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	dir := t.TempDir()
	null := filepath.Join(dir, "null")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("cannot make a device node here (needs root): %v", err)
	}
	must(t, os.Chmod(null, 0o666))
	if _, err := s.BackupTo(null); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(null)
	must(t, err)
	st := fi.Sys().(*syscall.Stat_t)
	if fi.Mode()&os.ModeCharDevice == 0 || st.Rdev != 1<<8|3 || fi.Mode().Perm() != 0o666 {
		t.Fatalf("the device is now %v rdev %x", fi.Mode(), st.Rdev)
	}
	noTemps(t, dir)
}

// A socket is written in place.
func TestBackupToSocket(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	want, _ := s.Count()
	dir := t.TempDir()
	sock := filepath.Join(dir, "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("no unix socket: %v", err)
	}
	defer l.Close()
	got := make(chan []byte, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			got <- nil
			return
		}
		defer c.Close()
		b, _ := io.ReadAll(c)
		got <- b
	}()
	if _, err := s.BackupTo(sock); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-got:
		if c := countIn(t, b); c != want {
			t.Errorf("the socket carried %d No's, want %d", c, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written to the socket")
	}
	if fi, err := os.Lstat(sock); err != nil || fi.Mode()&os.ModeSocket == 0 {
		t.Fatalf("the socket is now %v (%v)", fi.Mode(), err)
	}
}

// A link to a regular file replaces the file it points to and stays a
// link; a link to nothing and a folder are refused, nothing written.
func TestBackupToLinksAndFolders(t *testing.T) {
	s := newStore(t)
	fill(t, s)
	want, _ := s.Count()
	dir, other := t.TempDir(), t.TempDir()
	target := filepath.Join(other, "real.db")
	must(t, os.WriteFile(target, []byte("old"), 0o600))
	link := filepath.Join(dir, "link.db")
	must(t, os.Symlink(target, link))
	if _, err := s.BackupTo(link); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is now %v (%v)", fi.Mode(), err)
	}
	if data, _ := os.ReadFile(target); countIn(t, data) != want {
		t.Error("the link's target does not hold the backup")
	}
	noTemps(t, dir)
	noTemps(t, other)

	dangling := filepath.Join(dir, "dangling.db")
	must(t, os.Symlink(filepath.Join(other, "missing.db"), dangling))
	if _, err := s.BackupTo(dangling); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("a link to nothing: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(other, "missing.db")); err == nil {
		t.Error("a link to nothing created its target")
	}
	if _, err := s.BackupTo(other); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("a folder: %v", err)
	}
	noTemps(t, dir)
	noTemps(t, other)
}

// /dev/stdout and /dev/fd/2 name this process's own streams.
func TestStdStream(t *testing.T) {
	for path, want := range map[string]*os.File{
		"/dev/stdout": os.Stdout, "/dev/stderr": os.Stderr, "/dev/fd/1": os.Stdout, "/proc/self/fd/2": os.Stderr,
		"/proc/" + strconv.Itoa(os.Getpid()) + "/fd/1": os.Stdout, "/proc/1/fd/1": nil, "/dev/fd/3": nil, "/dev/stdoutx": nil,
	} {
		if got := stdStream(path); got != want {
			t.Errorf("%s: %v, want %v", path, got, want)
		}
	}
}
