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

// On edit --tag sets the list (and its help says so); --add-tag and
// --remove-tag change one tag and keep the others.
func TestEditTagsSetAddRemove(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	run := func(args ...string) (string, string, int) { return runCLI(t, fuNow, "", db, args...) }
	tags := func() string {
		out, errs, code := run("show", "1", "--json")
		if code != 0 {
			t.Fatalf("show: %d %s", code, errs)
		}
		return out
	}
	if _, errs, code := run("log", "--who", "Acme Corp", "--tag", "q4", "--tag", "cold"); code != 0 {
		t.Fatalf("log: %s", errs)
	}
	if _, errs, code := run("edit", "1", "--add-tag", "hot"); code != 0 {
		t.Fatalf("add-tag: %s", errs)
	}
	if out := tags(); !strings.Contains(out, `"q4"`) || !strings.Contains(out, `"cold"`) || !strings.Contains(out, `"hot"`) {
		t.Fatalf("--add-tag hot lost a tag: %s", out)
	}
	if _, errs, code := run("edit", "1", "--remove-tag", "cold"); code != 0 {
		t.Fatalf("remove-tag: %s", errs)
	}
	if out := tags(); !strings.Contains(out, `"q4"`) || strings.Contains(out, `"cold"`) || !strings.Contains(out, `"hot"`) {
		t.Fatalf("--remove-tag cold: %s", out)
	}
	if _, errs, code := run("edit", "1", "--remove-tag", "nope"); code != ExitUsage || !strings.Contains(errs, `no tag "nope"`) {
		t.Fatalf("removing a tag it lacks: %d %q", code, errs)
	}
	if _, errs, code := run("edit", "1", "--tag", "only"); code != 0 {
		t.Fatalf("tag: %s", errs)
	}
	if out := tags(); !strings.Contains(out, `"only"`) || strings.Contains(out, `"q4"`) {
		t.Fatalf("--tag only did not set the list: %s", out)
	}
	help, _, _ := run("edit", "--help")
	if !strings.Contains(help, "replacing every tag") || !strings.Contains(help, "--add-tag") || !strings.Contains(help, "--remove-tag") {
		t.Fatalf("edit help does not say what --tag does:\n%s", help)
	}
}
