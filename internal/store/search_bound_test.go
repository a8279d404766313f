package store

import (
	"slices"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// A page of a search that matches half the journal walks by_day from the
// page's end and stops there: no match is dated or sorted beyond the
// page (before, all 2,500 were). Every page, up or down, filtered or
// not, is still what a brute force gives; a rare word takes the other path.
func TestSearchPageStopsAtThePage(t *testing.T) {
	s := newStore(t)
	var nos []journal.No
	for i := range 5000 {
		n := journal.No{Who: "Acme", Date: journal.Day("2022-01-01").AddDays((i * 7919) % 1500), Mode: "sales",
			Reason: []string{"price", "timing"}[i%2], Outcome: journal.OutcomeOpen, CreatedAt: t0, UpdatedAt: t0, Said: "plain"}
		if i%2 == 0 {
			n.Said = "a hidden objection"
		}
		if i%1000 == 7 {
			n.Lesson = "zanzibar"
		}
		nos = append(nos, n)
	}
	must(t, s.SeedNos(nos))
	all, _, err := s.ListNos(Query{})
	must(t, err)
	brute := func(q Query, word string) []uint64 {
		var out []uint64
		for _, n := range all {
			if slices.Contains(tokens(n.Text()), word) && (q.Reason == "" || n.Reason == q.Reason) {
				out = append(out, n.ID)
			}
		}
		return out
	}
	before := keysDated.Load()
	page, next, err := s.ListNos(Query{Text: "hidden", Limit: 20})
	must(t, err)
	if got := keysDated.Load() - before; got != 0 {
		t.Errorf("a page of 20 dated %d matches", got)
	}
	want := brute(Query{}, "hidden")
	if !slices.Equal(ids(page), want[:20]) || next == nil {
		t.Errorf("page %v, want %v", ids(page), want[:20])
	}
	for _, q := range []Query{{Text: "hidden", Limit: 20}, {Text: "hidden", Limit: 300, Reason: "timing"},
		{Text: "hidden", Limit: 100, Reason: "price"}, {Text: "zanzibar", Limit: 2}} {
		word := q.Text
		var got []uint64
		for i := 0; ; i++ {
			page, next, err := s.ListNos(q)
			must(t, err)
			got = append(got, ids(page)...)
			if next == nil || i > 500 {
				break
			}
			q.Before = next
		}
		if want := brute(q, word); !slices.Equal(got, want) {
			t.Errorf("%q %s: %d No's paged, want %d", word, q.Reason, len(got), len(want))
		}
	}
	// From the old end, up.
	q := Query{Text: "hidden", Limit: 50, Oldest: true}
	var up []uint64
	for i := 0; ; i++ {
		page, next, err := s.ListNos(q)
		must(t, err)
		up = append(ids(page), up...)
		if next == nil || i > 500 {
			break
		}
		q.Oldest, q.After = false, next
	}
	if want := brute(Query{}, "hidden"); !slices.Equal(up, want) {
		t.Errorf("paging up: %d No's, want %d", len(up), len(want))
	}
}
