package followupsview

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Follow-ups months late get one gentle line over the list and L: y lets
// them all go (closed, follow-up done, still in the journal), any other key
// keeps them, d gives them all a new date. Those late less than the limit
// are never touched.
// The screen says "close", the product's word for the outcome closed, as
// the outcome picker does: no help or line says "let go".
func TestLongLateLetGo(t *testing.T) {
	t.Parallel()
	k := DefaultKeys()
	for _, group := range append(k.FullHelp(), k.Late.FullHelp()...) {
		for _, b := range group {
			if h := b.Help(); strings.Contains(h.Key+" "+h.Desc, "let") {
				t.Errorf("help %q %q says let go", h.Key, h.Desc)
			}
		}
	}
	ctx, db := tuitest.Context(t)
	old := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: "2025-12-01", FollowUp: "2025-12-24"})  // 334 days late
	older := tuitest.Add(t, db, journal.No{Who: "Globex", Date: "2025-06-01", FollowUp: "2025-07-01"})   // 510 days late
	recent := tuitest.Add(t, db, journal.No{Who: "Initech", Date: "2026-11-01", FollowUp: "2026-11-20"}) // 3 days late
	s := open(t, ctx, db, 100, 30)
	v := tuitest.View(s)
	if !strings.Contains(v, "2 follow-ups have waited more than 60 days. It's fine to close them, or give them a new date.") ||
		!strings.Contains(strings.Join(strings.Fields(v), " "), "Press L.") {
		t.Fatalf("no gentle line over the list:\n%s", v)
	}
	s, out := send(t, s, "L")
	v = tuitest.View(s)
	if !strings.Contains(v, "Close 2 follow-ups more than 60 days late? They stay in your journal.") ||
		!strings.Contains(v, "y closes them · d gives them a new date · any other key keeps them") || len(out) != 0 {
		t.Fatalf("L did not ask:\n%s", v)
	}
	s, out = send(t, s, "n")
	if !strings.Contains(statusOf(out), "Kept as they are") || get(t, ctx, db, old.ID).Outcome == journal.OutcomeClosed {
		t.Fatalf("n: %s", statusOf(out))
	}
	s, _ = send(t, s, "L")
	s, out = send(t, s, "y")
	if !strings.Contains(statusOf(out), "Closed 2 follow-ups. They stay in your journal") {
		t.Fatalf("y said %q\n%s", statusOf(out), tuitest.View(s))
	}
	for _, n := range []journal.No{old, older} {
		got := get(t, ctx, db, n.ID)
		if got.Outcome != journal.OutcomeClosed || !got.FollowUpDone {
			t.Errorf("%s not closed: %+v", n.Who, got)
		}
	}
	if got := get(t, ctx, db, recent.ID); got.Outcome != journal.OutcomeOpen || got.FollowUpDone {
		t.Errorf("a follow-up 3 days late was touched: %+v", got)
	}
	v = tuitest.View(s)
	if strings.Contains(v, "waited more than") || strings.Contains(v, "Acme Corp") || !strings.Contains(v, "Initech") {
		t.Fatalf("after closing:\n%s", v)
	}
	_, out = send(t, s, "L")
	if !strings.Contains(statusOf(out), "No follow-up is more than 60 days late.") {
		t.Fatalf("L with none: %q", statusOf(out))
	}
}

func TestLongLateNewDate(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	old := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: "2025-12-01", FollowUp: "2025-12-24"})
	s := open(t, ctx, db, 100, 30)
	s, _ = send(t, s, "L", "d")
	if v := tuitest.View(s); !strings.Contains(v, "A new date for the 1 follow-up:") {
		t.Fatalf("d did not ask for a date:\n%s", v)
	}
	s = tuitest.Type(s, "yesterday")
	s, _ = send(t, s, "enter")
	if v := tuitest.View(s); !strings.Contains(v, "a date in the past would leave them late") {
		t.Fatalf("a past date was taken:\n%s", v)
	}
	for range len("yesterday") {
		s, _ = send(t, s, "backspace")
	}
	s = tuitest.Type(s, "2026-12-01")
	s, out := send(t, s, "enter")
	if !strings.Contains(statusOf(out), "Moved 1 follow-up to Tue 2026-12-01.") {
		t.Fatalf("enter said %q\n%s", statusOf(out), tuitest.View(s))
	}
	if got := get(t, ctx, db, old.ID); got.FollowUp != "2026-12-01" || got.FollowUpDone || got.Outcome != journal.OutcomeOpen {
		t.Fatalf("not moved: %+v", got)
	}
}

// A suggested date never falls outside the workdays.
func TestSuggestedDateOnAWorkday(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	tuitest.Add(t, db, journal.No{Who: "Acme Corp", Kind: journal.KindNotNow}) // 3 months: Sunday 2027-02-21
	ctx.Settings.Workdays = journal.WeekdaysOnly.IDs()
	v := tuitest.View(open(t, ctx, db, 120, 30))
	if !strings.Contains(v, "suggest Mon 2027-02-22") || !strings.Contains(v, "moved to Monday, your next workday") {
		t.Fatalf("Monday to Friday:\n%s", v)
	}
	ctx.Settings.Workdays = nil
	if v := tuitest.View(open(t, ctx, db, 120, 30)); !strings.Contains(v, "suggest Sun 2027-02-21") {
		t.Fatalf("every day:\n%s", v)
	}
}
