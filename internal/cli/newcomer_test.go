package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// A negative --limit is a mistake, not "all": exit 2 with one sentence.
func TestJournalNegativeLimitIsUsage(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	if _, errs, code := runCLI(t, fuNow, "", db, "log", "--who", "Acme Corp"); code != 0 {
		t.Fatalf("log: %d %s", code, errs)
	}
	out, errs, code := runCLI(t, fuNow, "", db, "journal", "--print", "-n", "-3")
	if code != ExitUsage || out != "" || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, "not -3") {
		t.Fatalf("journal -n -3: code %d, out %q, err %q", code, out, errs)
	}
}
