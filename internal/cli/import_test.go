package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestImportOfALargeExport goes through the path a real export of over a
// thousand No's takes: the file is written in batches to a copy that
// replaces the journal as it is read (or, newest first, checked, then read
// again, sorted and written), and what arrives exports to the same No's. A
// file made bad near its end imports nothing.
func TestImportOfALargeExport(t *testing.T) {
	skipShort(t)
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db")
	if _, errOut, code := runCLI(t, progressNow, "", src, "demo", "--nos", "2300", "--days", "300", "--seed", "2"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	file := filepath.Join(dir, "export.json")
	if _, errOut, code := runCLI(t, progressNow, "", src, "export", "--format", "json", "-o", file); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	// A bad No near the end: refused with where it is, and nothing imported.
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	last := strings.LastIndex(string(data), `"date": "`)
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(string(data[:last])+`"date": "someday`+string(data[last+len(`"date": "2026-01-01`):])), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCLI(t, progressNow, "", dst, "import", bad)
	if code != ExitUsage || !strings.Contains(errOut, "date") || !strings.Contains(errOut, "nothing was imported") {
		t.Fatalf("bad file: exit %d, %s", code, errOut)
	}
	if out, _, _ := runCLI(t, progressNow, "", dst, "journal", "--print"); !strings.Contains(out, "No No's yet") {
		t.Fatalf("a refused file imported:\n%.300s", out)
	}

	out, errOut, code := runCLI(t, progressNow, "", dst, "import", file)
	if code != 0 || !strings.Contains(out, "Imported 2300 No's") {
		t.Fatalf("import: exit %d, %s%s", code, out, errOut)
	}
	again := filepath.Join(dir, "again.json")
	if _, errOut, code := runCLI(t, progressNow, "", dst, "export", "--format", "json", "-o", again); code != 0 {
		t.Fatalf("export after import: %s", errOut)
	}
	b, _ := os.ReadFile(again)
	if strip(string(b)) != strip(string(data)) {
		t.Fatal("the imported journal exports differently")
	}
	if _, err := os.Stat(dst + ".importing"); !os.IsNotExist(err) {
		t.Errorf("the copy is left behind: %v", err)
	}

	// The same No's, newest first: not written as they are read, but
	// checked, sorted and written; the journal is the same.
	var e journal.Export
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(e.Nos)
	reversed, _ := json.MarshalIndent(e, "", "  ")
	revFile, dst2 := filepath.Join(dir, "reversed.json"), filepath.Join(dir, "dst2.db")
	if err := os.WriteFile(revFile, reversed, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := runCLI(t, progressNow, "", dst2, "import", revFile); code != 0 || !strings.Contains(out, "Imported 2300 No's") {
		t.Fatalf("import newest first: exit %d, %s%s", code, out, errOut)
	}
	if _, errOut, code := runCLI(t, progressNow, "", dst2, "export", "--format", "json", "-o", again); code != 0 {
		t.Fatalf("export after import: %s", errOut)
	}
	b, _ = os.ReadFile(again)
	if strip(string(b)) != strip(string(data)) {
		t.Fatal("the journal imported from the file newest first exports differently")
	}
}

// strip drops what differs between two exports of the same No's: the ids
// (new on import) and the export time.
func strip(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, `"id":`) || strings.HasPrefix(l, `"exported_at":`) {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
