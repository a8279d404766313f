package store

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// thoughtNo is a No with every field of the thought record, the referral
// and the mode's lists set.
func thoughtNo() journal.No {
	return journal.No{Who: "Acme Corp", Date: "2026-11-18", Mode: "sales", Reason: "price",
		Thought: "They'll never change their minds", Traps: []string{"fortune-telling", "labelling"},
		EvidenceFor: "Two no's in a row", EvidenceAgainst: "They opened the quote twice",
		Balanced: "Not now is not forever", ReferralAsked: true, Referral: "Dana at Initech",
		Stage: "negotiation", Prepared: "Read their annual report", Mistake: "",
		SecondaryReasons: []string{"budget", "timing"}}
}

// The new fields survive a write and a read of a real journal file, read
// by another Store on it, through the stored value's fast decoder; a
// word of the thought record finds the No; an edit merges them field by
// field; a win keeps referral_from and a reflection intention_kept.
func TestThoughtRecordRoundTripsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rebound.db")
	s, err := Open(path)
	must(t, err)
	n := thoughtNo()
	must(t, s.AddNo(&n, t0))
	w := journal.Win{Who: "Initech", Date: "2026-11-19", ReferralFrom: n.ID}
	must(t, s.AddWin(&w, t0))
	_, err = s.SaveReflection(journal.Reflection{Date: "2026-11-19", Win: "Sent it", IntentionKept: journal.KeptNotYet, CompletedAt: t0})
	must(t, err)

	// Another Store on the same file, as the next command opens it.
	s, err = Open(path)
	must(t, err)
	t.Cleanup(func() { mustCheck(t, s) })
	got, err := s.GetNo(n.ID)
	must(t, err)
	if !reflect.DeepEqual(thoughtOf(got), thoughtOf(n)) {
		t.Fatalf("read back\n%+v\nwant\n%+v", thoughtOf(got), thoughtOf(n))
	}
	// A word of each: thought, evidence for and against, balanced,
	// referral, prepared.
	for _, word := range []string{"minds", "row", "quote", "forever", "initech", "annual"} {
		nos, _, err := s.ListNos(Query{Text: word})
		must(t, err)
		if len(nos) != 1 || nos[0].ID != n.ID {
			t.Errorf("search %q found %d No's, want No #%d", word, len(nos), n.ID)
		}
	}
	nos, _, err := s.ListNos(Query{Text: "labelling"})
	must(t, err)
	if len(nos) != 0 {
		t.Error("a trap id is searched as text; ids are filters")
	}
	wins, err := s.Wins()
	must(t, err)
	if len(wins) != 1 || wins[0].ReferralFrom != n.ID {
		t.Errorf("wins = %+v, want one with referral_from %d", wins, n.ID)
	}
	r, ok, err := s.Reflection("2026-11-19")
	must(t, err)
	if !ok || r.IntentionKept != journal.KeptNotYet {
		t.Errorf("reflection = %+v, want intention_kept not-yet", r)
	}

	// Two screens edit the same No: one the traps, the other the balanced
	// thought; both changes land. The same text field changed on both
	// sides is a conflict that can keep both.
	base := got
	mine := base
	mine.Traps = []string{"catastrophising"}
	theirs := base
	theirs.Balanced = "They may come back in spring"
	_, err = s.SaveNo(base, theirs, t0)
	must(t, err)
	merged, err := s.SaveNo(base, mine, t0)
	must(t, err)
	if !reflect.DeepEqual(merged.Traps, []string{"catastrophising"}) || merged.Balanced != "They may come back in spring" {
		t.Fatalf("merged traps %v, balanced %q", merged.Traps, merged.Balanced)
	}
	mine, other := merged, merged
	mine.EvidenceAgainst, other.EvidenceAgainst = "They replied within a day", "They forwarded it to their CFO"
	_, err = s.SaveNo(merged, other, t0)
	must(t, err)
	_, err = s.SaveNo(merged, mine, t0)
	var ce *journal.ConflictError
	if !errors.As(err, &ce) || len(ce.Conflicts) != 1 || ce.Conflicts[0].Field != "evidence_against" || !ce.Conflicts[0].Text {
		t.Fatalf("both edited evidence_against: err %v, want one text conflict on it", err)
	}
	if ce.Conflicts[0].Label != "evidence against" {
		t.Errorf("conflict label %q", ce.Conflicts[0].Label)
	}
}

// The store refuses what validation refuses, whoever calls it.
func TestStoreRefusesABadTrap(t *testing.T) {
	s := newStore(t)
	n := thoughtNo()
	n.Traps = []string{"doom"}
	if err := s.AddNo(&n, t0); !journal.IsValidation(err) {
		t.Fatalf("AddNo with trap doom: %v, want a validation error", err)
	}
	if c, err := s.Count(); err != nil || c != 0 {
		t.Fatalf("count %d, %v: a refused No was written", c, err)
	}
}

func thoughtOf(n journal.No) journal.No {
	return journal.No{Thought: n.Thought, Traps: n.Traps, EvidenceFor: n.EvidenceFor, EvidenceAgainst: n.EvidenceAgainst,
		Balanced: n.Balanced, ReferralAsked: n.ReferralAsked, Referral: n.Referral, Stage: n.Stage, Prepared: n.Prepared,
		Mistake: n.Mistake, SecondaryReasons: n.SecondaryReasons}
}
