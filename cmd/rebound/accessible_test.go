package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// runPiped runs the binary with stdin piped from in, in an environment
// that asks for colour (truecolor, no NO_COLOR): accessible mode must
// still print plain text.
func runPiped(t *testing.T, db, in string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(rebound(t), append([]string{"--db", db}, args...)...)
	env := []string{"TERM=xterm-256color", "COLORTERM=truecolor", "CLICOLOR_FORCE=1"}
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "NO_COLOR=") && !strings.HasPrefix(e, "ACCESSIBLE=") {
			env = append(env, e)
		}
	}
	cmd.Env = env
	cmd.Stdin = strings.NewReader(in)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return o.String(), e.String(), code
}

// The issue's own example: answers piped line by line into the built
// binary, the No stored with the right fields, no escape codes.
func TestAccessibleLogPipedIntoTheBinary(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	// who, contact, said, reason (2: price), whose reason (2: they told me),
	// the other reasons (0 ends, none), the stage, turnaround, follow-up.
	out, errs, code := runPiped(t, db, "Acme Corp\n\nToo pricey\n2\n2\n0\n\n\n\n", "--accessible", "log")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	if strings.Contains(out, "\x1b") || strings.Contains(errs, "\x1b") {
		t.Fatalf("escape codes in accessible output:\n%q\n%q", out, errs)
	}
	if !strings.Contains(out, "Saved No #1: Acme Corp (") || !strings.Contains(out, ", price); no follow-up set.") {
		t.Fatalf("no saved line:\n%s", out)
	}
	js, _, code := run(t, db, "show", "1", "--json")
	var n struct{ Who, Said, Reason, Change string }
	if err := json.Unmarshal([]byte(js), &n); err != nil || code != 0 {
		t.Fatalf("show --json (exit %d): %v\n%s", code, err, js)
	}
	if n.Who != "Acme Corp" || n.Said != "Too pricey" || n.Reason != "price" || n.Change != "" {
		t.Fatalf("stored %+v", n)
	}

	// ACCESSIBLE=1 does the same as the flag.
	cmd := exec.Command(rebound(t), "--db", db, "log")
	cmd.Env = append(os.Environ(), "ACCESSIBLE=1", "COLORTERM=truecolor")
	cmd.Stdin = strings.NewReader("Initech\n\n\n1\n1\n0\n\n\ntomorrow\n")
	b, err := cmd.Output()
	if err != nil || !strings.Contains(string(b), "Saved No #2: Initech") || bytes.Contains(b, []byte("\x1b")) {
		t.Fatalf("ACCESSIBLE=1 log: %v\n%q", err, b)
	}
}

// On a real terminal, accessible mode still draws nothing: the bytes the
// program writes to the terminal hold no escape sequence.
func TestAccessibleOnATerminalWritesNoEscapes(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	cmd := exec.Command(rebound(t), "--db", db, "--accessible", "log")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer f.Close()
	var (
		mu  sync.Mutex
		buf bytes.Buffer
	)
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := f.Read(b)
			mu.Lock()
			buf.Write(b[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	waitAndType := func(prompt, answer string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			mu.Lock()
			s := buf.String()
			mu.Unlock()
			if strings.Count(s, prompt) > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %q:\n%s", prompt, s)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if _, err := io.WriteString(f, answer+"\r"); err != nil {
			t.Fatal(err)
		}
	}
	waitAndType("Who said no?", "Globex")
	waitAndType("Your contact there", "")
	waitAndType("What did they say, exactly?", "Not this quarter")
	waitAndType("Enter a number between 1 and 13", "4")
	waitAndType("Is that what they told you", "1")
	waitAndType("Enter a number between 0 and 11", "0") // the other reasons: none
	waitAndType("At what stage was the deal lost?", "")
	waitAndType("revisit this?", "")
	waitAndType("Follow up on", "in 2 weeks")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v", err)
		}
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the form did not finish")
	}
	time.Sleep(50 * time.Millisecond)
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	if !strings.Contains(out, "Saved No #1: Globex") {
		t.Fatalf("no saved line:\n%s", out)
	}
	if i := strings.Index(out, "\x1b"); i >= 0 {
		t.Fatalf("escape sequence on the terminal at %d: %q", i, out[max(0, i-40):min(len(out), i+40)])
	}
}

// ctrl+c at an accessible prompt stops at once, says nothing was saved,
// and writes no escape sequence (no terminal query on the way out).
func TestAccessibleCtrlCStopsAtOnce(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	cmd := exec.Command(rebound(t), "--db", db, "--accessible", "log")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer f.Close()
	var (
		mu  sync.Mutex
		buf bytes.Buffer
	)
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := f.Read(b)
			mu.Lock()
			buf.Write(b[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		s := buf.String()
		mu.Unlock()
		if strings.Contains(s, "Who said no?") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no prompt:\n%s", s)
		}
		time.Sleep(20 * time.Millisecond)
	}
	_, _ = io.WriteString(f, "Hooli\r\x03")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 {
			t.Fatalf("exit: %v", err)
		}
	case <-time.After(1500 * time.Millisecond):
		_ = cmd.Process.Kill()
		t.Fatal("ctrl+c did not stop the form within 1.5 s")
	}
	time.Sleep(50 * time.Millisecond)
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	if !strings.Contains(out, "Cancelled; nothing was saved.") || strings.Contains(out, "\x1b") {
		t.Fatalf("after ctrl+c:\n%q", out)
	}
	if js, _, _ := run(t, db, "journal", "--json"); strings.TrimSpace(js) != "[]" {
		t.Fatalf("something was saved: %s", js)
	}
}
