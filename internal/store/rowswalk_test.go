package store

import (
	"fmt"
	"slices"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// The journal screen jumps to the end of a long list (G) and scrolls back
// up from there: Oldest is the last page of the whole listing, After the
// page just above a row, and walking up with After's cursors gives back the
// whole listing; CountRows is its length, for every kind of query.
func TestRowsFromTheOldEndAndCount(t *testing.T) {
	s := newStore(t)
	for i := range 300 {
		n := journal.No{Who: fmt.Sprintf("Acme %d", i%11), Date: journal.Day(fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%9)),
			Reason: []string{"", "price", "timing"}[i%3], Said: fmt.Sprintf("hidden fees %d", i%7), Mode: "sales"}
		if i%4 == 0 {
			n.Outcome = journal.OutcomeClosed
		}
		must(t, s.AddNo(&n, t0))
	}
	list := func(q Query) []Row {
		rows, _, err := s.ListRows(q)
		must(t, err)
		return slices.Collect(rows.All())
	}
	for _, q := range []Query{
		{}, {Text: "hidden 3"}, {Text: "acm"}, {Outcome: "closed"}, {Text: "fees", Outcome: "closed"},
		{From: "2025-03-01", To: "2025-07-05"}, {Text: "nothing-matches-this"},
	} {
		all := list(q)
		n, err := s.CountRows(q)
		must(t, err)
		if n != len(all) {
			t.Errorf("%+v: CountRows %d, the listing has %d", q, n, len(all))
		}
		// The last page, then up a page at a time to the top.
		q.Limit, q.Oldest = 7, true
		rows, next, err := s.ListRows(q)
		must(t, err)
		page := slices.Collect(rows.All())
		if want := all[max(0, len(all)-7):]; !slices.Equal(page, want) {
			t.Fatalf("%+v: the last page is %v, want %v", q, page, want)
		}
		got := page
		for next != nil {
			q.Oldest, q.After = false, next
			rows, next, err = s.ListRows(q)
			must(t, err)
			page = slices.Collect(rows.All())
			if len(page) == 0 || len(page) > 7 {
				t.Fatalf("%+v: a page of %d rows", q, len(page))
			}
			got = append(page, got...)
		}
		if !slices.Equal(got, all) {
			t.Errorf("%+v: walking up gives %d rows, the listing %d (or another order)", q, len(got), len(all))
		}
	}
	// After and Before together are a window; After alone counts a row's place.
	all := list(Query{})
	between := Query{After: &Cursor{Date: all[20].Date, ID: all[20].ID}, Before: &Cursor{Date: all[10].Date, ID: all[10].ID}}
	rows, _, err := s.ListRows(between)
	must(t, err)
	if got := slices.Collect(rows.All()); !slices.Equal(got, all[11:20]) {
		t.Errorf("between rows 10 and 20: %d rows", len(got))
	}
	for _, c := range []struct {
		q    Query
		want int
	}{{between, 9}, {Query{After: &Cursor{Date: all[57].Date, ID: all[57].ID}}, 57}, {Query{Text: "acme", After: &Cursor{Date: all[57].Date, ID: all[57].ID}}, 57}} {
		if n, err := s.CountRows(c.q); err != nil || n != c.want {
			t.Errorf("CountRows(%+v) = %d, %v; want %d", c.q, n, err, c.want)
		}
	}
	if _, _, err := s.ListRows(Query{After: &Cursor{Date: "2025-13-40"}}); err == nil {
		t.Error("a bad After cursor was accepted")
	}
}
