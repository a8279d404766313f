package main

// End-to-end tests: the built binary in a real pseudo-terminal (tmux), driven
// with real key presses, reading the screen back with capture-pane.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The rebound binary is built on first use, not in TestMain: under -short
// every test that runs it skips, and `go test -short ./...` (the loop run
// while working) then builds nothing here.
var (
	buildOnce  sync.Once
	buildDir   string
	binaryPath string
	buildErr   error
)

// rebound is the path of the built binary. End-to-end tests run the real
// binary and belong to the full suite (CI runs it), so under -short they
// skip here. Call it in the test's goroutine: it may skip or fail.
func rebound(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end: runs the built binary; it runs without -short")
	}
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "rebound-e2e-")
		if buildErr != nil {
			return
		}
		binaryPath = filepath.Join(buildDir, "rebound")
		var out bytes.Buffer
		build := exec.Command("go", "build", "-o", binaryPath, ".")
		build.Stdout, build.Stderr = &out, &out
		if err := build.Run(); err != nil {
			buildErr = fmt.Errorf("%w\n%s", err, out.String())
		}
	})
	if buildErr != nil {
		t.Fatalf("build rebound: %v", buildErr)
	}
	return binaryPath
}

func TestMain(m *testing.M) {
	// Every rebound a test starts makes its daily backup in its own
	// process: none outlives the test and writes in a folder it removes
	// (TestFirstWriteOfTheDayLeavesTheBackupToAProcess unsets it).
	os.Setenv("REBOUND_INTERNAL_BACKUP_IN_PROCESS", "1")
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// run executes the binary without a terminal.
func run(t *testing.T, db string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(rebound(t), append([]string{"--db", db}, args...)...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return o.String(), e.String(), code
}

var sessions atomic.Int64

// term is a tmux session running the binary at a fixed size.
type term struct {
	t      *testing.T
	socket string
	name   string
}

func needTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("REBOUND_E2E_REQUIRED") != "" {
			t.Fatal("tmux is required for the end-to-end tests")
		}
		t.Skip("tmux not installed")
	}
}

func startTerm(t *testing.T, width, height int, args ...string) *term {
	t.Helper()
	needTmux(t)
	n := sessions.Add(1)
	tm := &term{t: t, socket: fmt.Sprintf("rebound-e2e-%d-%d", os.Getpid(), n), name: "s"}
	cmdline := rebound(t)
	for _, a := range args {
		cmdline += " '" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	c := exec.Command("tmux", "-L", tm.socket, "-f", "/dev/null", "new-session", "-d", "-s", tm.name,
		"-x", fmt.Sprint(width), "-y", fmt.Sprint(height), "env TERM=xterm-256color "+cmdline+"; sleep 30")
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *term) screen() string {
	out, err := exec.Command("tmux", "-L", tm.socket, "capture-pane", "-p", "-t", tm.name).Output()
	if err != nil {
		tm.t.Fatalf("capture-pane: %v", err)
	}
	return string(out)
}

// waitFor polls the screen until it shows want.
func (tm *term) waitFor(want string) string {
	tm.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	var s string
	for time.Now().Before(deadline) {
		if s = tm.screen(); strings.Contains(s, want) {
			return s
		}
		time.Sleep(30 * time.Millisecond)
	}
	tm.t.Fatalf("timed out waiting for %q; screen:\n%s", want, s)
	return s
}

func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	args := append([]string{"-L", tm.socket, "send-keys", "-t", tm.name}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys %v: %v %s", keys, err, out)
	}
}

func (tm *term) typeText(s string) {
	tm.t.Helper()
	args := []string{"-L", tm.socket, "send-keys", "-t", tm.name, "-l", s}
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys -l: %v %s", err, out)
	}
}

// TestLogThroughFormThenJournal logs a No with real key presses and reads it back.
func TestLogThroughFormThenJournal(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "my journal", "rebound.db")
	tm := startTerm(t, 100, 30, "--db", db)
	tm.waitFor("Welcome to Rebound")
	tm.keys("Escape") // the first-run welcome: keep the defaults
	tm.waitFor("No No's yet")
	tm.keys("n")
	tm.waitFor("Who said no?")
	tm.typeText("Acme Corp")
	tm.keys("Enter")
	tm.waitFor("┃ Your contact there")
	tm.keys("Enter")
	tm.waitFor("┃ What did they say")
	tm.typeText("We're worried about hidden fees.")
	tm.keys("Tab")
	tm.waitFor("┃ Why, as far as you know?")
	tm.keys("Down") // first real reason after "(decide later)"
	tm.keys("Enter")
	tm.waitFor("┃ Is that what they told you")
	tm.keys("Enter") // a guess: kept as the assumed reason
	tm.waitFor("┃ What else weighed")
	tm.keys("Enter") // no other reasons
	tm.waitFor("┃ At what stage")
	tm.keys("Enter") // no stage
	tm.waitFor("┃ What would need to change")
	tm.typeText("A line-item quote")
	tm.keys("Enter")
	tm.waitFor("┃ Follow up on")
	tm.typeText("in 2 weeks")
	tm.keys("Enter")
	tm.waitFor("Saved No #1")
	tm.waitFor("1 No today") // home reloads and counts it

	tm.keys("j")
	s := tm.waitFor("1 of 1")
	if !strings.Contains(s, "Acme Corp") || !strings.Contains(s, "open") {
		t.Fatalf("journal row incomplete:\n%s", s)
	}
	tm.keys("Enter")
	s = tm.waitFor("hidden fees")
	if !strings.Contains(s, "A line-item quote") {
		t.Fatalf("detail lacks the turnaround answer:\n%s", s)
	}

	// And the CLI agrees with what the form stored.
	out, _, code := run(t, db, "show", "1", "--json")
	if code != 0 || !strings.Contains(out, `"who": "Acme Corp"`) || !strings.Contains(out, `"change": "A line-item quote"`) {
		t.Fatalf("show --json (exit %d):\n%s", code, out)
	}
	if fi, err := os.Stat(db); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("db file mode: %v %v", fi.Mode(), err)
	}
	if fi, err := os.Stat(filepath.Dir(db)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("db dir mode: %v %v", fi.Mode(), err)
	}
}

// TestOpenAppSeesOutsideWrites: the app holds no lock; a log from another
// process succeeds at once and the open journal shows it within a second.
func TestOpenAppSeesOutsideWrites(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	if _, _, code := run(t, db, "log", "--who", "First Co", "--reason", "price"); code != 0 {
		t.Fatal("first log failed")
	}
	tm := startTerm(t, 100, 30, "--db", db, "journal")
	tm.waitFor("First Co")
	start := time.Now()
	out, errOut, code := run(t, db, "log", "--who", "Initech", "--reason", "timing", "--follow-up", "in 2 weeks")
	if code != 0 {
		t.Fatalf("log while the app is open: exit %d %s", code, errOut)
	}
	if took := time.Since(start); took > time.Second {
		t.Fatalf("log waited %v while the app was open", took)
	}
	if !strings.Contains(out, "Saved No #2") {
		t.Fatalf("unexpected output %q", out)
	}
	deadline := time.Now().Add(1500 * time.Millisecond)
	for !strings.Contains(tm.screen(), "Initech") {
		if time.Now().After(deadline) {
			t.Fatalf("the open journal did not show the new No:\n%s", tm.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestCLIFlagsAndBadInput(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	out, errOut, code := run(t, db, "log", "--who", "Acme Corp", "--said", "Too pricey", "--reason", "hidden-fees",
		"--change", "A line-item quote", "--follow-up", "2026-12-04")
	if code != 0 || !strings.Contains(out, "Saved No #1: Acme Corp") || !strings.Contains(out, "follow up 2026-12-04") {
		t.Fatalf("log: exit %d out %q err %q", code, out, errOut)
	}
	if strings.Contains(out, "\x1b") {
		t.Fatalf("escape codes in piped output: %q", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"log", "--who", "X", "--reason", "nope"}, "choose one of: price, budget"},
		{[]string{"log", "--who", "X", "--follow-up", "someday soon"}, "can't read the date"},
		{[]string{"log", "--who", "  ", "--reason", "price"}, "who said no is empty"},
		{[]string{"log", "--who", "X", "--kind", "maybe"}, "not-now, not-this"},
		{[]string{"show", "abc"}, "not a No id"},
	} {
		_, errOut, code := run(t, db, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errOut, c.want)
		}
		if n := strings.Count(strings.TrimSpace(errOut), "\n"); n > 0 {
			t.Errorf("%v: error is %d lines, want one: %q", c.args, n+1, errOut)
		}
	}
	out, _, _ = run(t, db, "journal", "--print")
	if strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, "Acme Corp") {
		t.Fatalf("bad input wrote something; journal:\n%s", out)
	}
	if _, errOut, code := run(t, db, "log"); code != 2 || !strings.Contains(errOut, "needs a terminal") {
		t.Fatalf("log without a terminal: %d %q", code, errOut)
	}
	out, _, code = run(t, db, "reasons")
	if code != 0 || !strings.Contains(out, "hidden-fees") || !strings.Contains(out, "other") {
		t.Fatalf("reasons: %d %q", code, out)
	}
}

func TestRefusesForeignFile(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "notes.txt")
	orig := []byte("my precious notes, not a database\n")
	if err := os.WriteFile(db, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, db, "log", "--who", "X")
	if code != 1 || !strings.Contains(errOut, "not a Rebound journal") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	if got, _ := os.ReadFile(db); !bytes.Equal(got, orig) {
		t.Fatal("the foreign file was modified")
	}
}
