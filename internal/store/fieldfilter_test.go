package store

import (
	"fmt"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestFieldFilters: kind, tag and who filter the list, its pages and its
// count, alone, together, with a text search and a date range.
func TestFieldFilters(t *testing.T) {
	s := newStore(t)
	kinds := []journal.Kind{journal.Kind("not-now"), journal.Kind("final")}
	for i := range 30 {
		n := journal.No{Date: journal.Day("2026-10-01").AddDays(i), Mode: "sales", Reason: []string{"price", "timing"}[i%2],
			Kind: kinds[i%3%2], Who: []string{"Acme Corp", "Globex", "Café Ünïcorn"}[i%3],
			Said: fmt.Sprintf("budget talk %d", i)}
		if i%4 == 0 {
			n.Tags = []string{"Q4", "renewal"}
		}
		addNo(t, s, n)
	}
	want := func(keep func(i int) bool) []uint64 {
		var out []uint64
		for i := 29; i >= 0; i-- {
			if keep(i) {
				out = append(out, uint64(i+1))
			}
		}
		return out
	}
	kindOf := func(i int) journal.Kind { return kinds[i%3%2] }
	for _, tc := range []struct {
		name string
		q    Query
		keep func(int) bool
	}{
		{"kind", Query{Kind: "final"}, func(i int) bool { return kindOf(i) == "final" }},
		{"tag any case", Query{Tag: "q4"}, func(i int) bool { return i%4 == 0 }},
		{"tag word", Query{Tag: "renewal"}, func(i int) bool { return i%4 == 0 }},
		{"who part", Query{Who: "acme"}, func(i int) bool { return i%3 == 0 }},
		{"who accents", Query{Who: "cafe unicorn"}, func(i int) bool { return i%3 == 2 }},
		{"reason and kind", Query{Reason: "price", Kind: "not-now"}, func(i int) bool { return i%2 == 0 && kindOf(i) == "not-now" }},
		{"tag and text", Query{Tag: "q4", Text: "budget"}, func(i int) bool { return i%4 == 0 }},
		{"kind, who and dates", Query{Kind: "final", Who: "globex", From: "2026-10-05", To: "2026-10-20"},
			func(i int) bool { return i%3 == 1 && kindOf(i) == "final" && i >= 4 && i <= 19 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := want(tc.keep)
			if len(w) == 0 {
				t.Fatal("the case keeps nothing")
			}
			// Pages of 2 walk the whole list, each row once.
			var got []uint64
			q := tc.q
			q.Limit = 2
			for {
				rows, next, err := s.ListRows(q)
				must(t, err)
				for r := range rows.All() {
					got = append(got, r.ID)
				}
				if next == nil {
					break
				}
				q.Before = next
			}
			if !slices.Equal(got, w) {
				t.Errorf("pages %v, want %v", got, w)
			}
			n, err := s.CountRows(tc.q)
			must(t, err)
			if n != len(w) {
				t.Errorf("count %d, want %d", n, len(w))
			}
			nos, _, err := s.ListNos(tc.q)
			must(t, err)
			if len(nos) != len(w) {
				t.Errorf("ListNos %d, want %d", len(nos), len(w))
			}
		})
	}
}

// TestKindFilterReadsRows: the kind is in each No's list row (schema 7),
// so a kind filter lists and counts without reading the No's: it still
// finds a No whose stored value cannot be read, which a filter that reads
// the No would drop.
func TestKindFilterReadsRows(t *testing.T) {
	s := newStoreNoCheck(t)
	a := addNo(t, s, journal.No{Date: "2026-10-01", Mode: "sales", Who: "Acme \x00 Corp", Kind: "final"})
	addNo(t, s, journal.No{Date: "2026-10-02", Mode: "sales", Who: "Globex", Kind: "not-now"})
	raw(t, s.Path(), func(tx *bolt.Tx) error { return tx.Bucket(bucketNos).Put(idKey(a.ID), []byte("not a No")) })
	n, err := s.CountRows(Query{Kind: "final"})
	must(t, err)
	rows, _, err := s.ListRows(Query{Kind: "final", Who: "acme"})
	must(t, err)
	var who []string
	for r := range rows.All() {
		who = append(who, r.Who)
	}
	if n != 1 || !slices.Equal(who, []string{"Acme \x00 Corp"}) {
		t.Errorf("kind final: count %d, rows %q", n, who)
	}
}
