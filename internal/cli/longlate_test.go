package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

func addFU(t *testing.T, st *store.Store, who string, date, due journal.Day) {
	t.Helper()
	n := journal.No{Who: who, Mode: "sales", Date: date, FollowUp: due}
	if err := st.AddNo(&n, fuNow); err != nil {
		t.Fatal(err)
	}
}

// TestFollowUpsLongLate: --print says, once, that follow-ups months late
// can be let go or given a new date, and how; --let-go-late and
// --move-late do it for those alone.
func TestFollowUpsLongLate(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	addFU(t, st, "Acme Corp", "2025-12-01", "2025-12-24") // 334 days late
	addFU(t, st, "Globex", "2025-06-01", "2025-07-01")    // 510 days late
	addFU(t, st, "Initech", "2026-11-01", "2026-11-20")   // 3 days late

	out := mustRun(t, db, "followups", "--print")
	for _, want := range []string{
		"2 follow-ups have waited more than 60 days. It's fine to close them, or give them a new date.",
		"rebound followups --close-late", `rebound followups --move-late "next monday"`, "Overdue (3)", "334 days late",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Index(out, "waited more than") > strings.Index(out, "Overdue (3)") {
		t.Errorf("the note is not over the overdue list:\n%s", out)
	}

	if _, errs, code := runFU(t, db, "followups", "--move-late", "yesterday"); code != ExitUsage || !strings.Contains(errs, "in the past") {
		t.Fatalf("--move-late yesterday: exit %d, %s", code, errs)
	}
	if _, errs, code := runFU(t, db, "followups", "--move-late", "monday", "--close-late"); code != ExitUsage || !strings.Contains(errs, "can't be used together") {
		t.Fatalf("both: exit %d, %s", code, errs)
	}
	out = mustRun(t, db, "followups", "--move-late", "2026-12-01")
	if !strings.Contains(out, "Moved 2 follow-ups more than 60 days late to 2026-12-01.") {
		t.Fatalf("--move-late: %s", out)
	}
	out = mustRun(t, db, "followups", "--print", "--days", "30")
	if strings.Contains(out, "waited more than") || !strings.Contains(out, "Overdue (1)") || strings.Count(out, "2026-12-01") != 2 {
		t.Fatalf("after moving:\n%s", out)
	}

	addFU(t, st, "Hooli", "2025-01-10", "2025-02-01")
	out = mustRun(t, db, "followups", "--close-late")
	if !strings.Contains(out, "Closed 1 follow-up more than 60 days late. They stay in your journal") {
		t.Fatalf("--close-late: %s", out)
	}
	n, err := st.GetNo(4)
	if err != nil || n.Outcome != journal.OutcomeClosed || !n.FollowUpDone {
		t.Fatalf("Hooli: %+v %v", n, err)
	}
	if got, _ := st.GetNo(3); got.Outcome != journal.OutcomeOpen || got.FollowUpDone {
		t.Fatalf("a follow-up 3 days late was touched: %+v", got)
	}
	if out := mustRun(t, db, "followups", "--let-go-late"); !strings.Contains(out, "No follow-up is more than 60 days late; nothing changed.") {
		t.Fatalf("again: %s", out)
	}
}

// TestFollowUpsSuggestOnWorkdays: a suggested date moves off a day
// outside the workdays.
func TestFollowUpsSuggestOnWorkdays(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "rebound.db")
	mustRun(t, db, "log", "--who", "Acme", "--kind", "not-now") // 3 months from Monday: a Sunday
	if out := mustRun(t, db, "followups", "--print"); !strings.Contains(out, "2027-02-21") {
		t.Fatalf("every day:\n%s", out)
	}
	mustRun(t, db, "settings", "--workdays", "mon-fri")
	if out := mustRun(t, db, "followups", "--print"); !strings.Contains(out, "2027-02-22 — Not now — about 3 months after the No · moved to Monday, your next workday") {
		t.Fatalf("Monday to Friday:\n%s", out)
	}
}
