package store

import (
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// -update-fixture writes testdata/schema<N>.db (N = this build's schema) and
// its export testdata/schema<N>.json, with fillFixture. Run it once, before a
// schema change, and commit both files: the next build's migration test opens
// a copy of that database and must get the same export back.
//
//	go test -run TestWriteFixture -update-fixture ./internal/store/
var updateFixture = flag.Bool("update-fixture", false, "write testdata/schema<N>.db for the current schema")

// fixtureTime is the clock of the fixture: every write is at a fixed time.
var fixtureTime = time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)

// fillFixture writes a small journal with a bit of everything through the
// public API only (so it can run against any schema): varied No's with
// follow-ups (open and done), outcomes with history, tags, debriefs,
// reframes, an edit that moves a No to another day, a deletion; merged
// reflections; wins; rest days; settings.
func fillFixture(t *testing.T, s *Store) {
	at := func(h int) time.Time { return fixtureTime.Add(time.Duration(h) * time.Hour) }
	add := func(n journal.No, h int) journal.No {
		t.Helper()
		must(t, s.AddNo(&n, at(h)))
		return n
	}
	reframedAt := at(-30)
	a := add(journal.No{Date: "2026-05-04", Mode: "sales", Who: "Acme Corp", Offer: "Annual plan", Channel: "call",
		Said: "We're worried about hidden fees.", Reason: "hidden-fees", ReasonText: "They saw a setup fee late",
		Assumed: "price", Kind: journal.KindNotUnderstood, Change: "A line-item quote", Competitor: "Globex",
		CompetitorWhy: "flat pricing", Feeling: 4, FeelingAfter: 2, Lesson: "Show every fee up front",
		Next: "Review every line item", FollowUp: "2026-06-04", Tags: []string{"q2", "Enterprise"},
		Debrief:     []journal.Answer{{Prompt: "Why not move forward?", Answer: "The fees, honestly"}},
		ReframeStep: 0, ReframedAt: &reframedAt}, 0)
	b := add(journal.No{Date: "2026-05-05", Mode: "sales", Who: "Globex", Said: "Not the right time — maybe after Q2.",
		Reason: "timing", Kind: journal.KindNotNow, FollowUp: "2026-05-20", Feeling: 3}, 1)
	c := add(journal.No{Date: "2026-05-05", Mode: "job", Who: "Initech", Offer: "Senior engineer role", Channel: "e-mail",
		Said: "We went with another candidate.", Reason: "competitor", Competitor: "an internal hire", Tags: []string{"outbound"}}, 2)
	d := add(journal.No{Date: "2026-05-11", Mode: "sales", Who: "Café Zoë", Said: "C'est trop cher pour nous.",
		Reason: "price", Assumed: "price", Kind: journal.KindNotThis, Change: "A smaller starter plan",
		Lesson: "Lead with the starter plan", Tags: []string{"smb"}}, 3)
	e := add(journal.No{Date: "2026-05-12", Mode: "sales", Who: "Hooli", Said: "Honestly we don't see the need right now.",
		Reason: "no-need", ReframeStep: 2}, 4)
	f := add(journal.No{Date: "2026-05-18", Mode: "freelance", Who: "Pied Piper", Said: "Your product doesn't do the reporting we need.",
		Reason: "product-gap", Change: "The reporting module", Lesson: "Ask about reporting early", FollowUp: "2026-06-15",
		Outcome: journal.OutcomeFollowingUp}, 5)
	g := add(journal.No{Date: "2026-05-19", Who: "Stark Industries", Said: "I need to run this past my director."}, 6)
	h := add(journal.No{Date: "2026-05-25", Mode: "sales", Who: "Wayne Enterprises", Said: "It's more than we budgeted for this year.",
		Reason: "budget", Assumed: "timing", Kind: journal.KindNotNow, FeelingAfter: 4, FollowUp: "2026-05-28"}, 7)
	i := add(journal.No{Date: "2026-05-26", Mode: "sales", Who: "Umbrella", Said: "We've been burned by a startup before.",
		Reason: "trust", Competitor: "Salesforce", CompetitorWhy: "already use their tools"}, 8)
	j := add(journal.No{Date: "2026-05-27", Mode: "sales", Who: "Soylent", Said: "Too expensive", Reason: "price"}, 9)
	k := add(journal.No{Date: "2026-05-28", Mode: "sales", Who: "Vandelay Industries", Said: "Send me more information"}, 10)
	add(journal.No{Date: "2026-05-29", Mode: "sales", Who: "Wonka", Said: "Maybe next year", Reason: "timing"}, 11)
	l := add(journal.No{Date: "2026-05-30", Mode: "job", Who: "Tyrell", Said: "The role was filled internally"}, 12)

	update := func(n journal.No, h int, fn func(*journal.No)) {
		t.Helper()
		fn(&n)
		must(t, s.UpdateNo(&n, at(h)))
	}
	// Outcomes with history: b turned into a yes after a follow-up, h into a maybe.
	update(b, 20, func(n *journal.No) {
		n.SetOutcome(journal.OutcomeFollowingUp, at(20))
		n.FollowUpDone = true
	})
	b, _ = s.GetNo(b.ID)
	update(b, 40, func(n *journal.No) {
		n.SetOutcome(journal.OutcomeYes, at(40))
		n.Change, n.Lesson = "Call back after Q2", "Ask about their planning cycle"
	})
	update(h, 41, func(n *journal.No) { n.SetOutcome(journal.OutcomeMaybe, at(41)) })
	update(c, 42, func(n *journal.No) { n.SetOutcome(journal.OutcomeClosed, at(42)) })
	// A debrief added later, and a No moved to another day.
	update(i, 43, func(n *journal.No) {
		n.Debrief = []journal.Answer{{Prompt: "What would change your mind?", Answer: "References from a bank"}}
		n.Date = "2026-05-22"
	})
	// Reframed later (ReframedAt set by the store), then one deleted.
	update(e, 44, func(n *journal.No) { n.Change, n.Lesson, n.ReframeStep = "A pilot", "Find the pain first", 0 })
	must(t, s.DeleteNo(k.ID))
	_ = a
	_ = d
	_ = f
	_ = g
	_ = j
	_ = l

	refl := func(r journal.Reflection) {
		t.Helper()
		_, err := s.SaveReflection(r)
		must(t, err)
	}
	refl(journal.Reflection{Date: "2026-05-05", Mood: 2, CompletedAt: at(1),
		Answers: []journal.Answer{{Prompt: "What went well?", Answer: "I asked why"}}, PromptIDs: []string{"r1"}})
	refl(journal.Reflection{Date: "2026-05-05", Mood: 3, Ritual: "walk", Win: "two calls", CompletedAt: at(2), PromptIDs: []string{"r2"}})
	refl(journal.Reflection{Date: "2026-05-12", Mood: 4, Intention: "Call Hooli back", CompletedAt: at(4)})
	refl(journal.Reflection{Date: "2026-05-28", Mood: 5, Win: "Wayne said maybe", CompletedAt: at(10),
		Answers: []journal.Answer{{Prompt: "What did you learn?", Answer: "Budget first"}}})

	must(t, s.AddWin(&journal.Win{Date: "2026-05-06", Who: "Oscorp", What: "Closed a small deal", Mode: "sales"}, at(2)))
	must(t, s.AddWin(&journal.Win{Date: "2026-05-06", Who: "Duff", What: "Got a referral", Mode: "sales"}, at(3)))
	must(t, s.AddWin(&journal.Win{Date: "2026-05-20", Who: "Nakatomi", Mode: "job"}, at(9)))
	for _, day := range []journal.Day{"2026-05-09", "2026-05-16", "2026-05-23"} {
		must(t, s.SetRestDay(day, true))
	}
	must(t, s.SetRestDay("2026-05-16", false))
	must(t, s.SaveSettings(journal.Settings{Mode: "sales", Name: "Sam", WeekGoal: 6, Welcomed: true}))
}

func TestWriteFixture(t *testing.T) {
	if !*updateFixture {
		t.Skip("run with -update-fixture to write testdata/schema<N>.db")
	}
	tmp := filepath.Join(t.TempDir(), "rebound.db")
	s, err := Open(tmp)
	must(t, err)
	fillFixture(t, s)
	mustCheck(t, s)
	name := filepath.Join("testdata", "schema"+strconv.Itoa(currentSchema))
	e, err := s.Export(fixtureTime)
	must(t, err)
	data, err := json.MarshalIndent(e, "", "  ")
	must(t, err)
	must(t, os.WriteFile(name+".json", append(data, '\n'), 0o644))
	// A compact copy (tx.WriteTo), not the file with its free pages.
	out, err := os.Create(name + ".db")
	must(t, err)
	_, err = s.Backup(out)
	must(t, err)
	must(t, out.Close())
}

// copyFixture copies testdata/name to a temp dir and returns the copy's path.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	in, err := os.Open(filepath.Join("testdata", name))
	must(t, err)
	defer in.Close()
	path := filepath.Join(t.TempDir(), "rebound.db")
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	must(t, err)
	_, err = io.Copy(out, in)
	must(t, err)
	must(t, out.Close())
	return path
}
