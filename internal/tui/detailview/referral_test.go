package detailview

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func footer(s common.Screen) string {
	return ansi.Strip(help.New().ShortHelpView(s.Keys().ShortHelp()))
}

// y logs a win from the referral a No gave: it asks first, then stores a
// win for the person referred with referral_from set to the No (as
// `rebound win --referral-from`). The key shows, and works, only on a No
// with a referral, and the footer still fits 80 columns.
func TestReferralBecomesAWin(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	plain := tuitest.Add(t, db, journal.No{Who: "Globex", ReferralAsked: true})
	n := tuitest.Add(t, db, journal.No{Who: "Acme", ReferralAsked: true, Referral: "Dana Lee at Initech"})

	var s common.Screen = New(ctx, db, plain.ID)
	s.SetSize(80, 20)
	s, _ = tuitest.Run(s, s.Init())
	if f := footer(s); strings.Contains(f, "referral") {
		t.Errorf("footer without a referral: %q", f)
	}
	if !strings.Contains(tuitest.View(s), "asked; no one named yet") {
		t.Errorf("the ask is not shown:\n%s", tuitest.View(s))
	}
	s, out := tuitest.Send(s, tuitest.Key("y"))
	if s.Capturing() || len(out) != 0 {
		t.Fatalf("y on a No without a referral: capturing %v, %v", s.Capturing(), out)
	}

	s = New(ctx, db, n.ID)
	s.SetSize(80, 20)
	s, _ = tuitest.Run(s, s.Init())
	if f := footer(s); !strings.Contains(f, "y win from referral") || ansi.StringWidth(f) > 80 || !strings.Contains(f, "esc back") {
		t.Errorf("footer %q (%d columns)", f, ansi.StringWidth(f))
	}
	if v := tuitest.View(s); !strings.Contains(v, "Referral") || !strings.Contains(v, "Dana Lee at Initech") {
		t.Errorf("the referral is not shown:\n%s", v)
	}
	// Any other key than y: nothing is logged.
	s, _ = tuitest.Send(s, tuitest.Key("y"))
	if v := tuitest.View(s); !s.Capturing() || !strings.Contains(v, "Log a win for Dana Lee at Initech (No #2's referral)? y logs it") {
		t.Fatalf("y did not ask:\n%s", v)
	}
	s, out = tuitest.Send(s, tuitest.Key("n"))
	if statusOf(out) != "No win logged." {
		t.Errorf("n said %v", out)
	}
	s, _ = tuitest.Send(s, tuitest.Key("y"))
	_, out = tuitest.Send(s, tuitest.Key("y"))
	if st := statusOf(out); !strings.Contains(st, "Logged a win: Dana Lee at Initech (from No #2's referral)") {
		t.Errorf("status %q (%v)", st, out)
	}
	wins, err := db.Wins()
	if err != nil {
		t.Fatal(err)
	}
	if len(wins) != 1 || wins[0].ReferralFrom != n.ID || wins[0].Who != "Dana Lee at Initech" || wins[0].What != "referred by Acme" ||
		wins[0].Mode != "sales" || wins[0].Date != journal.Today(tuitest.Now) {
		t.Errorf("wins %+v", wins)
	}
}

// The detail screen shows the mode's own fields: the stage, the other
// reasons, how I prepared and the kind of mistake, by their labels.
func TestDetailShowsTheModesFields(t *testing.T) {
	t.Parallel()
	ctx, _ := tuitest.Context(t)
	v := ansi.Strip(Render(ctx, journal.No{Who: "Acme", Mode: "sales", Date: "2026-11-20", Reason: "price",
		SecondaryReasons: []string{"timing", "budget"}, Stage: "negotiation"}, 80))
	for _, want := range []string{"Other reasons", "Bad timing (timing), No budget (budget)", "Stage", "Negotiation"} {
		if !strings.Contains(v, want) {
			t.Errorf("sales No lacks %q:\n%s", want, v)
		}
	}
	v = ansi.Strip(Render(ctx, journal.No{Who: "Ms Rivera", Mode: "school", Date: "2026-11-20",
		Prepared: "Flashcards the night before", Mistake: "time", Lesson: "Start a week earlier"}, 80))
	for _, want := range []string{"Prepared", "Flashcards the night before", "Mistake", "Time", "Start a week earlier"} {
		if !strings.Contains(v, want) {
			t.Errorf("school No lacks %q:\n%s", want, v)
		}
	}
}

// TestDetailShowsTheThoughtRecordAndWhereItCameFrom: the thought record
// (traps by their names in the mode's words) and a CRM row's amount and
// source are on the detail screen, as show prints them.
func TestDetailShowsTheThoughtRecordAndWhereItCameFrom(t *testing.T) {
	t.Parallel()
	ctx, _ := tuitest.Context(t)
	v := ansi.Strip(Render(ctx, journal.No{Who: "Acme", Mode: "sales", Date: "2026-11-20", Reason: "price",
		Thought: "They'll never buy", Traps: []string{"fortune-telling"}, EvidenceFor: "Two no's",
		EvidenceAgainst: "They asked for a quote", Balanced: "Not this quarter", Amount: 12500.5,
		Source: "hubspot:9012345601"}, 80))
	for _, want := range []string{"They'll never buy", "Fortune telling", "Two no's", "They asked for a quote",
		"Not this quarter", "12500.5", "hubspot:9012345601"} {
		if !strings.Contains(v, want) {
			t.Errorf("the detail lacks %q:\n%s", want, v)
		}
	}
}

// F makes reaching out to the person referred this No's next step, due in
// two days: it asks first (saying what it writes), only on a No with a
// referral, and saves both fields as a patch.
func TestReferralBecomesAFollowUp(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	plain := tuitest.Add(t, db, journal.No{Who: "Globex", ReferralAsked: true})
	n := tuitest.Add(t, db, journal.No{Who: "Acme", Referral: "Dana Lee", Next: "Send the deck", FollowUp: "2026-12-20"})

	var s common.Screen = New(ctx, db, plain.ID)
	s.SetSize(80, 20)
	s, _ = tuitest.Run(s, s.Init())
	if s, _ = tuitest.Send(s, tuitest.Key("F")); s.Capturing() {
		t.Fatal("F asked on a No without a referral")
	}

	s = New(ctx, db, n.ID)
	s.SetSize(80, 20)
	s, _ = tuitest.Run(s, s.Init())
	due := journal.Today(tuitest.Now).AddDays(2)
	s, _ = tuitest.Send(s, tuitest.Key("F"))
	if v := tuitest.View(s); !s.Capturing() || !strings.Contains(v, "Follow up with Dana Lee") || !strings.Contains(v, string(due)) {
		t.Fatalf("F did not ask:\n%s", v)
	}
	s, out := tuitest.Send(s, tuitest.Key("n"))
	if statusOf(out) != "Follow-up left as it was." {
		t.Errorf("n said %v", out)
	}
	if got, _ := db.GetNo(n.ID); got.Next != "Send the deck" || got.FollowUp != "2026-12-20" {
		t.Errorf("n changed the No: %+v", got)
	}
	s, _ = tuitest.Send(s, tuitest.Key("F"))
	s, out = tuitest.Send(s, tuitest.Key("y"))
	if st := statusOf(out); !strings.Contains(st, "Follow-up set for "+string(due)) {
		t.Errorf("status %q (%v)", st, out)
	}
	got, err := db.GetNo(n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Next != "Reach out to Dana Lee (referred by Acme)" || got.FollowUp != due || got.FollowUpDone {
		t.Errorf("the No after F, y: next %q, follow-up %s, done %v", got.Next, got.FollowUp, got.FollowUpDone)
	}
	if v := tuitest.View(s); !strings.Contains(v, "Reach out to Dana Lee") {
		t.Errorf("the screen does not show the new next step:\n%s", v)
	}
}
