package main

// Smaller holes of Trust II: date arithmetic that overflowed, temporaries
// a killed run left behind, a folder chmodded that Rebound did not make.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDateOverflowRefused: every date flag refuses a date too far away to
// exist with exit 2 and the out-of-range sentence ("in 1000000 weeks" was
// saved as 1901-12-25), and nothing is written.
func TestDateOverflowRefused(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	if _, errOut, code := run(t, db, "log", "--who", "Acme", "--follow-up", "2026-12-04"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	for _, in := range []string{"in 1000000 weeks", "1000000 weeks ago", "in 10000000000000 days",
		"within 99999999999999999999 months", "in 9223372036854775807 hours", "in 300 years"} {
		for _, args := range [][]string{
			{"log", "--who", "X", "--follow-up", in}, {"log", "--who", "X", "--date", in},
			{"edit", "1", "--follow-up", in}, {"edit", "1", "--date", in},
			{"win", "--who", "Y", "--date", in}, {"streak", "--rest", in}, {"streak", "--unrest", in},
		} {
			_, errOut, code := run(t, db, args...)
			want := `the date "` + in + `" is out of range`
			if code != 2 || !strings.Contains(errOut, want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
				t.Errorf("%q: exit %d, stderr %q; want 2 and %q", args, code, errOut, want)
			}
		}
	}
	out, _, _ := run(t, db, "export", "--format", "json")
	if strings.Count(out, `"who"`) != 1 || !strings.Contains(out, `"follow_up": "2026-12-04"`) ||
		!strings.Contains(out, `"wins": []`) || !strings.Contains(out, `"rest_days": []`) {
		t.Errorf("a refused date changed the journal:\n%s", out)
	}
}

// age makes path look last written an hour ago.
func age(t *testing.T, path string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

func leftover(t *testing.T, path string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte("half a file"), 0o600); err != nil {
		t.Fatal(err)
	}
	age(t, path)
	return path
}

func there(path string) bool { _, err := os.Lstat(path); return err == nil }

// TestKilledExportTempRemovedNextTime kills `rebound export -o` while it
// writes its temporary: the next export to that folder keeps it while it
// is recent, and removes it once stale; a temporary another live process
// holds locked is kept however old.
func TestKilledExportTempRemovedNextTime(t *testing.T) {
	skipShort(t)
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "j", "rebound.db")
	if _, errOut, code := run(t, db, "demo", "--nos", "20000", "--days", "400", "--seed", "3"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	var temp string
	for try := 0; try < 10 && temp == ""; try++ {
		cmd := exec.Command(rebound(t), "--db", db, "export", "-o", filepath.Join(out, "x.json"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
			if m, _ := filepath.Glob(filepath.Join(out, ".rebound-export-*")); len(m) == 1 {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				temp = m[0]
				break
			}
		}
		_ = cmd.Wait()
		if temp != "" && !there(temp) {
			temp = "" // it finished between the glob and the kill
		}
	}
	if temp == "" {
		t.Skip("never caught the export while it wrote its temporary")
	}
	held := leftover(t, filepath.Join(out, ".rebound-export-4242"))
	f, err := os.Open(held)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}

	if _, errOut, code := run(t, db, "export", "-o", filepath.Join(out, "y.json")); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	if !there(temp) {
		t.Fatal("a temporary written a moment ago was removed")
	}
	age(t, temp)
	if _, errOut, code := run(t, db, "backup", filepath.Join(out, "b.db")); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	if there(temp) {
		t.Fatal("the killed export's temporary is still there")
	}
	if !there(held) {
		t.Fatal("a temporary a live process holds was removed")
	}
}

// TestNextWriteAndDoctorRemoveLeftovers: stale temporaries of each kind
// next to the journal and in its backups folder go with the next write;
// doctor removes them too and says what it removed and what it kept.
func TestNextWriteAndDoctorRemoveLeftovers(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "rebound")
	db := filepath.Join(dir, "j.db")
	if _, errOut, code := run(t, db, "log", "--who", "Acme"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	bak := filepath.Join(dir, "backups")
	kinds := func() []string {
		return []string{
			leftover(t, filepath.Join(dir, ".j.db.new-3321")),
			leftover(t, filepath.Join(dir, ".rebound-export-8812")),
			leftover(t, filepath.Join(dir, ".rebound-backup-8813")),
			leftover(t, filepath.Join(bak, ".rebound-backup-8814")),
			leftover(t, db+".importing"),
		}
	}
	stale := kinds()
	fresh := filepath.Join(dir, ".rebound-export-1")
	if err := os.WriteFile(fresh, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	mine := leftover(t, filepath.Join(dir, "notes.txt"))
	if _, errOut, code := run(t, db, "log", "--who", "Initech"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	for _, p := range stale {
		if there(p) {
			t.Errorf("%s is still there after a write", p)
		}
	}
	if !there(fresh) || !there(mine) {
		t.Fatal("a recent temporary or the user's own file was removed")
	}

	stale = kinds()
	out, errOut, code := run(t, db, "doctor")
	if code != 0 {
		t.Fatalf("doctor: %s%s", out, errOut)
	}
	for _, p := range stale {
		if there(p) || !strings.Contains(out, p) {
			t.Errorf("doctor did not remove or list %s:\n%s", p, out)
		}
	}
	if !strings.Contains(out, "Removed 5 file(s) that interrupted runs left behind") ||
		!strings.Contains(out, "left in place for now: "+fresh) || strings.Contains(out, "notes.txt") {
		t.Errorf("doctor's report:\n%s", out)
	}
}

// TestExistingReboundFolderKeepsItsMode: a folder named rebound that
// Rebound did not make (a source checkout) is not chmodded when a journal
// is put in it.
func TestExistingReboundFolderKeepsItsMode(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "rebound")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "rebound.db")
	for _, args := range [][]string{{"log", "--who", "A"}, {"journal", "--print"}, {"doctor"}} {
		if _, errOut, code := run(t, db, args...); code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
		if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o755 {
			t.Fatalf("after %v the folder is %v", args, fi.Mode().Perm())
		}
	}
	if fi, _ := os.Stat(db); fi.Mode().Perm() != 0o600 {
		t.Fatalf("journal %v", fi.Mode().Perm())
	}
}
