package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCtrlEOpensTheEditorOnTheField: in the log form, ctrl+e in "What did
// they say" runs $EDITOR (a script here) on what was typed there; its text
// comes back into the field, every other typed word stays, and the No
// saves with both.
func TestCtrlEOpensTheEditorOnTheField(t *testing.T) {
	t.Parallel()
	needTmux(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "rebound.db")
	if _, errOut, code := run(t, db, "settings", "--name", "Sam"); code != 0 { // past the first-run welcome
		t.Fatalf("settings: %s", errOut)
	}
	seen := filepath.Join(dir, "seen.txt")
	editor := filepath.Join(dir, "editor.sh")
	script := "#!/bin/sh\ncp \"$1\" " + seen + "\nprintf 'Edited: fees, all of them;\\nand the contract.' > \"$1\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	n := sessions.Add(1)
	tm := &term{t: t, socket: fmt.Sprintf("rebound-e2e-%d-%d", os.Getpid(), n), name: "s"}
	cmdline := fmt.Sprintf("env TERM=xterm-256color EDITOR=%s VISUAL= REBOUND_INTERNAL_BACKUP_IN_PROCESS=1 %s --db %s log; sleep 30", editor, rebound(t), db)
	c := exec.Command("tmux", "-L", tm.socket, "-f", "/dev/null", "new-session", "-d", "-s", tm.name, "-x", "80", "-y", "24", cmdline)
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })

	tm.waitFor("Who said no?")
	tm.typeText("Acme Corp")
	tm.keys("Enter")
	tm.waitFor("┃ Your contact there")
	tm.typeText("Dana")
	tm.keys("Enter")
	tm.waitFor("┃ What did they say")
	tm.typeText("typed first")
	tm.keys("C-e")
	s := tm.waitFor("and the contract.")
	if !strings.Contains(s, "Edited: fees, all of them;") {
		t.Fatalf("the editor's text is not in the field:\n%s", s)
	}
	if b, err := os.ReadFile(seen); err != nil || string(b) != "typed first" {
		t.Errorf("the editor was given %q (%v)", b, err)
	}
	// The rest of the form as it comes (its fields differ by mode): tab
	// to the end, where enter saves.
	for i := 0; !strings.Contains(tm.screen(), "Saved No #1"); i++ {
		if i == 40 {
			t.Fatalf("40 tabs did not save:\n%s", tm.screen())
		}
		if strings.Contains(tm.screen(), "┃ Follow up on") {
			tm.keys("Enter") // the last field
		} else {
			tm.keys("Tab")
		}
		time.Sleep(150 * time.Millisecond)
	}

	out, _, code := run(t, db, "show", "1", "--json")
	if code != 0 || !strings.Contains(out, `"who": "Acme Corp"`) || !strings.Contains(out, `"contact": "Dana"`) ||
		!strings.Contains(out, `"said": "Edited: fees, all of them;\nand the contract."`) {
		t.Fatalf("show --json (exit %d):\n%s", code, out)
	}
}
