package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCalendarFileFollowsEveryWriteInAProcess: with `settings --ics-file`,
// a `log` returns and a process of its own rewrites the calendar file
// (0600) with the new follow-up; `--ics-file off` stops it.
func TestCalendarFileFollowsEveryWriteInAProcess(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "j.db")
	ics := filepath.Join(dir, "cal", "follow-ups.ics")
	if err := os.MkdirAll(filepath.Dir(ics), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := run(t, db, "log", "--who", "Acme", "--follow-up", "tomorrow"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	out, errOut, code := run(t, db, "settings", "--ics-file", ics)
	if code != 0 || !strings.Contains(out, "Wrote 1 follow-up to") {
		t.Fatalf("settings --ics-file: %d %s%s", code, out, errOut)
	}
	background := func(args ...string) {
		t.Helper()
		cmd := exec.Command(rebound(t), append([]string{"--db", db}, args...)...)
		for _, e := range os.Environ() {
			if !strings.HasPrefix(e, "REBOUND_INTERNAL_BACKUP_IN_PROCESS=") {
				cmd.Env = append(cmd.Env, e)
			}
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	waitFor := func(want string) string {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			data, _ := os.ReadFile(ics)
			if strings.Contains(string(data), want) && strings.HasSuffix(string(data), "END:VCALENDAR\r\n") {
				return string(data)
			}
			if time.Now().After(deadline) {
				t.Fatalf("30 s after the write the calendar lacks %q:\n%s", want, data)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	background("log", "--who", "Globex", "--follow-up", "in 3 days")
	data := waitFor("SUMMARY:Follow up: Globex")
	if !strings.Contains(data, "SUMMARY:Follow up: Acme") {
		t.Errorf("the calendar lost Acme:\n%s", data)
	}
	if fi, err := os.Stat(ics); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("calendar file: %v %v", fi.Mode(), err)
	}
	background("edit", "1", "--follow-up-done")
	waitFor("END:VCALENDAR") // settle: Acme leaves the file
	deadline := time.Now().Add(30 * time.Second)
	for {
		data, _ := os.ReadFile(ics)
		if !strings.Contains(string(data), "Acme") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a done follow-up stays in the calendar:\n%s", data)
		}
		time.Sleep(20 * time.Millisecond)
	}

	if out, errOut, code := run(t, db, "settings", "--ics-file", "off"); code != 0 || !strings.Contains(out, "no longer kept up to date") {
		t.Fatalf("--ics-file off: %d %s%s", code, out, errOut)
	}
	before, _ := os.ReadFile(ics)
	background("log", "--who", "Initech", "--follow-up", "tomorrow")
	time.Sleep(500 * time.Millisecond)
	if after, _ := os.ReadFile(ics); string(after) != string(before) {
		t.Errorf("the calendar changed after --ics-file off")
	}
	entries, _ := os.ReadDir(filepath.Dir(ics))
	if len(entries) != 1 {
		t.Errorf("the calendar's folder holds %d files: %v", len(entries), entries)
	}
}
