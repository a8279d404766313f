package store

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestSearch(t *testing.T) {
	s := newStore(t)
	acme := addNo(t, s, journal.No{Who: "Acme Corp", Said: "Too expensive for now", Date: "2026-11-01", Reason: "price"})
	cafe := addNo(t, s, journal.No{Who: "Café Zoë", Said: "We chose a competitor", Date: "2026-11-02", Tags: []string{"Q4"}})
	globex := addNo(t, s, journal.No{Who: "Globex", Said: "Expensive, and the timing is wrong", Date: "2026-11-03", Reason: "timing",
		Debrief: []journal.Answer{{Prompt: "why", Answer: "budget freeze"}}})
	find := func(q Query) []uint64 {
		t.Helper()
		nos, _, err := s.ListNos(q)
		must(t, err)
		return ids(nos)
	}
	equal(t, "word", find(Query{Text: "expensive"}), []uint64{globex.ID, acme.ID})
	equal(t, "prefix", find(Query{Text: "acm"}), []uint64{acme.ID})
	equal(t, "one-letter prefix", find(Query{Text: "c"}), []uint64{cafe.ID, acme.ID})
	equal(t, "two words", find(Query{Text: "expensive tim"}), []uint64{globex.ID})
	equal(t, "two words, order", find(Query{Text: "TIMING Expensive"}), []uint64{globex.ID})
	equal(t, "case and accents", find(Query{Text: "CAFE zoe"}), []uint64{cafe.ID})
	equal(t, "accented query", find(Query{Text: "zoë"}), []uint64{cafe.ID})
	equal(t, "tag", find(Query{Text: "q4"}), []uint64{cafe.ID})
	equal(t, "debrief answer", find(Query{Text: "freeze"}), []uint64{globex.ID})
	equal(t, "no match", find(Query{Text: "expensive zebra"}), []uint64{})
	equal(t, "with reason", find(Query{Text: "expensive", Reason: "price"}), []uint64{acme.ID})
	equal(t, "with range", find(Query{Text: "expensive", To: "2026-11-02"}), []uint64{acme.ID})
	equal(t, "paged", find(Query{Text: "expensive", Limit: 1, Before: &Cursor{Date: globex.Date, ID: globex.ID}}), []uint64{acme.ID})

	// Edited words move; deleted No's vanish.
	acme.Said = "Not in the budget"
	must(t, s.UpdateNo(&acme, t0))
	equal(t, "after edit", find(Query{Text: "expensive"}), []uint64{globex.ID})
	equal(t, "new word", find(Query{Text: "budget"}), []uint64{globex.ID, acme.ID})
	must(t, s.DeleteNo(globex.ID))
	equal(t, "after delete", find(Query{Text: "budget"}), []uint64{acme.ID})
}

func TestFilters(t *testing.T) {
	s := newStore(t)
	a := addNo(t, s, journal.No{Who: "A", Date: "2026-11-01", Reason: "price", Mode: "sales"})
	b := addNo(t, s, journal.No{Who: "B", Date: "2026-11-02", Reason: "price", Mode: "job", Outcome: journal.OutcomeYes})
	c := addNo(t, s, journal.No{Who: "C", Date: "2026-11-03", Reason: "timing", Mode: "sales", Outcome: journal.OutcomeYes})
	find := func(q Query) []uint64 {
		nos, _, err := s.ListNos(q)
		must(t, err)
		return ids(nos)
	}
	equal(t, "reason", find(Query{Reason: "price"}), []uint64{b.ID, a.ID})
	equal(t, "outcome", find(Query{Outcome: "yes"}), []uint64{c.ID, b.ID})
	equal(t, "mode", find(Query{Mode: "sales"}), []uint64{c.ID, a.ID})
	equal(t, "reason+outcome", find(Query{Reason: "price", Outcome: "yes"}), []uint64{b.ID})
	equal(t, "outcome+mode+range", find(Query{Outcome: "yes", Mode: "sales", From: "2026-11-03"}), []uint64{c.ID})
	page, next, err := s.ListNos(Query{Reason: "price", Limit: 1})
	must(t, err)
	if len(page) != 1 || next == nil {
		t.Fatalf("page %v next %v", ids(page), next)
	}
	equal(t, "reason page 2", find(Query{Reason: "price", Limit: 1, Before: next}), []uint64{a.ID})
}

func TestTokens(t *testing.T) {
	equal(t, "tokens", tokens("Café-Zoë's  q4 a 42 naïve NAÏVE x"), []string{"42", "cafe", "naive", "q4", "zoe"})
	long := strings.Repeat("ab", 40)
	if got := tokens(long); len(got) != 1 || len([]rune(got[0])) != maxWordRunes {
		t.Errorf("long word: %v", got)
	}
	equal(t, "stop words", tokens("We're not in the budget, and THE price is high"), []string{"budget", "high", "not", "price"})
	ex, p := queryTerms("Acme, x  corp")
	equal(t, "query exact", ex, []string{"acme"})
	equal(t, "query prefix", p, "corp")
}
