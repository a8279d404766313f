package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportOfALargeExport goes through the path a real export of over a
// thousand No's takes: the file is streamed twice (checked, then written in
// batches to a copy that replaces the journal), and what arrives exports
// to the same No's. A file made bad near its end imports nothing.
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
