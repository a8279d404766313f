package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFutureDatedNoIsRefused: a No dated after today (log, edit, import) is
// refused with exit 2 and one sentence, and nothing is written; today and
// earlier are fine, and an edit that leaves an old future date alone works.
func TestFutureDatedNoIsRefused(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	run := func(args ...string) (string, string, int) { return runCLI(t, progressNow, "", db, args...) }

	for _, when := range []string{"tomorrow", "2026-11-24", "in 2 weeks"} {
		out, errs, code := run("log", "--who", "Acme", "--date", when)
		if code != ExitUsage || out != "" || !strings.Contains(errs, "after today (2026-11-23)") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("log --date %s: exit %d, stdout %q, stderr %q", when, code, out, errs)
		}
	}
	if out, _, _ := run("journal", "--print"); !strings.Contains(out, "No No's yet") {
		t.Fatalf("a future No was saved:\n%s", out)
	}
	for _, when := range []string{"today", "yesterday", "2026-11-01"} {
		if _, errs, code := run("log", "--who", "Acme", "--date", when); code != 0 {
			t.Errorf("log --date %s: exit %d: %s", when, code, errs)
		}
	}
	_, errs, code := run("edit", "1", "--date", "tomorrow")
	if code != ExitUsage || !strings.Contains(errs, "--date: the No is dated 2026-11-24, after today (2026-11-23)") {
		t.Fatalf("edit --date tomorrow: exit %d, %q", code, errs)
	}
	if js := mustShow(t, db, "1"); !strings.Contains(js, `"date": "2026-11-23"`) {
		t.Fatalf("the refused edit was written:\n%s", js)
	}

	// Import: the file's No dated tomorrow is named, and nothing is imported.
	file := filepath.Join(t.TempDir(), "export.json")
	if _, errs, code := run("export", "--format", "json", "-o", file); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	future := strings.Replace(string(data), `"date": "2026-11-01"`, `"date": "2026-11-30"`, 1)
	bad := filepath.Join(t.TempDir(), "future.json")
	if err := os.WriteFile(bad, []byte(future), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	out, errs, code := runCLI(t, progressNow, "", other, "import", bad)
	if code != ExitUsage || !strings.Contains(errs, ".date") || !strings.Contains(errs, "dated 2026-11-30, after today (2026-11-23)") ||
		!strings.Contains(errs, "nothing was imported") {
		t.Fatalf("import of a future No: exit %d, %s%s", code, out, errs)
	}
	if out, _, _ := runCLI(t, progressNow, "", other, "journal", "--print"); !strings.Contains(out, "No No's yet") {
		t.Fatalf("a refused file imported:\n%s", out)
	}
	if _, errs, code := runCLI(t, progressNow, "", other, "import", file); code != 0 {
		t.Fatalf("the same file without the future No: %s", errs)
	}
}

func mustShow(t *testing.T, db, id string) string {
	t.Helper()
	out, errs, code := runCLI(t, progressNow, "", db, "show", id, "--json")
	if code != 0 {
		t.Fatalf("show %s: %s", id, errs)
	}
	return out
}
