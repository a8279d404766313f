package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// edit --condition-met marks what would need to change as changed;
// --condition-met=false unsets it; show and show --json say so.
func TestEditConditionMet(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "r.db")
	if _, errs, code := runCLI(t, fuNow, "", db, "log", "--who", "Acme Corp", "--reason", "price", "--change", "A lower entry price"); code != 0 {
		t.Fatalf("log: %d %s", code, errs)
	}
	if n := showNo(t, db, "1"); n.ConditionMet {
		t.Fatal("a new No has its condition met")
	}
	if _, errs, code := runCLI(t, fuNow, "", db, "edit", "1", "--condition-met"); code != 0 {
		t.Fatalf("edit --condition-met: %d %s", code, errs)
	}
	if n := showNo(t, db, "1"); !n.ConditionMet || n.Change != "A lower entry price" {
		t.Fatalf("after --condition-met: %+v", n)
	}
	out, _, _ := runCLI(t, fuNow, "", db, "show", "1")
	if !strings.Contains(out, "condition met") {
		t.Errorf("show does not say the condition is met:\n%s", out)
	}
	js, _, _ := runCLI(t, fuNow, "", db, "show", "1", "--json")
	if !strings.Contains(js, `"condition_met": true`) {
		t.Errorf("show --json lacks condition_met:\n%s", js)
	}
	if _, errs, code := runCLI(t, fuNow, "", db, "edit", "1", "--condition-met=false"); code != 0 {
		t.Fatalf("edit --condition-met=false: %d %s", code, errs)
	}
	if n := showNo(t, db, "1"); n.ConditionMet {
		t.Fatal("--condition-met=false left it set")
	}
	if exp, _, _ := runCLI(t, fuNow, "", db, "export", "--format", "csv"); !strings.Contains(strings.SplitN(exp, "\n", 2)[0], `"condition_met"`) {
		t.Errorf("CSV header lacks condition_met:\n%s", exp)
	}
}
