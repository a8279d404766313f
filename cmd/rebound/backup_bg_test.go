package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/store"
)

// TestFirstWriteOfTheDayLeavesTheBackupToAProcess: the first `log` of a
// day returns and a process of its own makes the day's backup: it
// appears, whole (doctor finds nothing in it), holding the journal as it
// was before that log.
func TestFirstWriteOfTheDayLeavesTheBackupToAProcess(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "j.db")
	if _, errOut, code := run(t, db, "demo", "--nos", "3000", "--days", "200"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	bak := filepath.Join(dir, "backups")
	if err := os.RemoveAll(bak); err != nil { // yesterday: today's backup is still to be made
		t.Fatal(err)
	}
	cmd := exec.Command(rebound(t), "--db", db, "log", "--who", "First of the day", "--reason", "price")
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "REBOUND_INTERNAL_BACKUP_IN_PROCESS=") {
			cmd.Env = append(cmd.Env, e)
		}
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("log: %v\n%s", err, out)
	}
	today := filepath.Join(bak, "j-"+time.Now().Format("2006-01-02")+".db")
	deadline := time.Now().Add(time.Minute)
	for !there(today) || leftTemps(bak) {
		if time.Now().After(deadline) {
			t.Fatalf("a minute after the log: backup there %v, a copy still being written %v", there(today), leftTemps(bak))
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Whole: a copy of it passes doctor and holds the 3000 No's before the log.
	data, err := os.ReadFile(today)
	if err != nil {
		t.Fatal(err)
	}
	restored := filepath.Join(t.TempDir(), "restored.db")
	if err := os.WriteFile(restored, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := run(t, restored, "doctor"); code != 0 {
		t.Fatalf("doctor on the backup: %s%s", out, errOut)
	}
	st, err := store.Open(restored)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := st.Count(); err != nil || n != 3000 {
		t.Fatalf("the backup holds %d No's (%v), want the 3000 before the log", n, err)
	}
}

// leftTemps reports a backup being written (or cut short) in dir.
func leftTemps(dir string) bool {
	names, _ := filepath.Glob(filepath.Join(dir, ".rebound-backup-*"))
	return len(names) > 0
}
