package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// editorScript is an $EDITOR that keeps a copy of the file it was given
// (seen) and writes text in its place.
func editorScript(t *testing.T, text string) (editor, seen string) {
	t.Helper()
	dir := t.TempDir()
	seen = filepath.Join(dir, "seen.txt")
	body := filepath.Join(dir, "body.txt")
	if err := os.WriteFile(body, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	editor = filepath.Join(dir, "editor.sh")
	script := "#!/bin/sh\ncp \"$1\" " + seen + "\ncp " + body + " \"$1\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return editor, seen
}

// TestLogEdit: `log --edit` writes what they said in $EDITOR (its first
// line is who without --who), other flags as given; an empty file saves
// nothing; no editor is one sentence.
func TestLogEdit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rebound.db")
	editor, seen := editorScript(t, "# a comment line\nAcme Corp\nWe're worried about fees,\nand the contract.\n")
	t.Setenv("EDITOR", editor)
	t.Setenv("VISUAL", "")
	if _, errOut, code := runCLI(t, fuNow, "", db, "log", "--edit", "--reason", "price", "--said", "typed before"); code != 0 {
		t.Fatalf("log --edit: %d %s", code, errOut)
	}
	if b, _ := os.ReadFile(seen); !strings.Contains(string(b), "Who said no on the first line") || !strings.HasSuffix(string(b), "typed before") {
		t.Errorf("the editor was given %q", b)
	}
	var n map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "show", "1", "--json")), &n); err != nil {
		t.Fatal(err)
	}
	if n["who"] != "Acme Corp" || n["said"] != "We're worried about fees,\nand the contract." || n["reason"] != "price" {
		t.Errorf("saved %v", n)
	}

	editor, _ = editorScript(t, "Only what they said.")
	t.Setenv("EDITOR", editor)
	mustRun(t, db, "log", "--who", "Globex", "--edit")
	if out := mustRun(t, db, "show", "2", "--json"); !strings.Contains(out, `"said": "Only what they said."`) || !strings.Contains(out, `"who": "Globex"`) {
		t.Errorf("with --who: %s", out)
	}

	editor, _ = editorScript(t, "# nothing\n\n")
	t.Setenv("EDITOR", editor)
	if _, errOut, code := runCLI(t, fuNow, "", db, "log", "--edit"); code != 0 || !strings.Contains(errOut, "nothing was saved") {
		t.Errorf("empty: %d %q", code, errOut)
	}

	t.Setenv("EDITOR", filepath.Join(t.TempDir(), "no-such-editor"))
	if _, errOut, code := runCLI(t, fuNow, "", db, "log", "--edit"); code != 2 || !strings.Contains(errOut, "cannot be run") {
		t.Errorf("missing editor: %d %q", code, errOut)
	}
	if out := mustRun(t, db, "journal", "--print"); strings.Count(out, "\n") != 2 {
		t.Errorf("journal after the edits:\n%s", out)
	}
}
