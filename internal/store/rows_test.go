package store

import (
	"fmt"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

func rowOf(n *journal.No) Row {
	return Row{ID: n.ID, Date: n.Date, Who: n.Who, Reason: n.Reason, Mode: n.Mode, Outcome: n.Outcome,
		FollowUp: n.FollowUp, FollowUpDone: n.FollowUpDone}
}

// TestListRowsAgreesWithListNos: every query gives the rows of the No's
// ListNos returns, with the same cursor, also from by_day values in the
// short layout of early schema 2 files and with a who holding 0x00.
func TestListRowsAgreesWithListNos(t *testing.T) {
	s := newStore(t)
	for i := range 400 {
		n := journal.No{Who: fmt.Sprintf("Acme\x00 %d", i%13), Date: journal.Day(fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%27)),
			Reason: []string{"", "price", "timing"}[i%3], Said: fmt.Sprintf("hidden fees %d", i%9), Mode: "sales"}
		if i%3 == 0 {
			n.FollowUp, n.FollowUpDone = "2026-12-24", i%2 == 0
		}
		if i%5 == 0 {
			n.Outcome = journal.OutcomeMaybe
		}
		must(t, s.AddNo(&n, t0))
	}
	// A few by_day values in the short layout: the rows come from the No's.
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketByDay).Cursor()
		var keys [][]byte
		for k, _ := c.First(); k != nil && len(keys) < 30; k, _ = c.Next() {
			keys = append(keys, slices.Clone(k))
		}
		for _, k := range keys {
			o, r, m := dayFields(tx.Bucket(bucketByDay).Get(k))
			v := append(append(append(append(slices.Clone(o), 0), r...), 0), m...)
			if err := tx.Bucket(bucketByDay).Put(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	mid := &Cursor{Date: "2026-06-10", ID: 200}
	for _, q := range []Query{
		{}, {Limit: 20}, {Limit: 7, Before: mid}, {Text: "hidden 3"}, {Text: "hid", Limit: 15, Before: mid},
		{Reason: "price", Outcome: "maybe"}, {From: "2026-03-01", To: "2026-04-15"}, {Text: "acme 7", Outcome: "open", Limit: 3},
	} {
		nos, nextN, err := s.ListNos(q)
		must(t, err)
		rows, nextR, err := s.ListRows(q)
		must(t, err)
		var want, got []Row
		for i := range nos {
			want = append(want, rowOf(&nos[i]))
		}
		got = slices.Collect(rows.All())
		if !slices.Equal(got, want) {
			t.Errorf("%+v: rows differ from the No's:\n%v\nwant\n%v", q, got, want)
		}
		if fmt.Sprint(nextN) != fmt.Sprint(nextR) {
			t.Errorf("%+v: cursor %v, want %v", q, nextR, nextN)
		}
	}
	// Check reports the short values; Repair rewrites them.
	ps, err := s.Check()
	must(t, err)
	if len(ps) == 0 {
		t.Fatal("Check missed the short by_day values")
	}
	must(t, s.Repair())
}

func TestFollowUpRowsAgreeWithFollowUps(t *testing.T) {
	s := newStore(t)
	for i := range 100 {
		n := journal.No{Who: fmt.Sprintf("Who\x00 %d", i), Date: "2026-11-01", Next: fmt.Sprintf("next %d", i),
			Change: []string{"", "budget"}[i%2], Kind: []journal.Kind{"", journal.KindNotNow}[i%2],
			FollowUp: journal.Day(fmt.Sprintf("2026-12-%02d", 1+i%28)), FollowUpDone: i%9 == 0}
		must(t, s.AddNo(&n, t0))
	}
	for _, to := range []journal.Day{"", "2026-12-10"} {
		nos, err := s.FollowUps(to)
		must(t, err)
		rows, err := s.FollowUpRows(to)
		must(t, err)
		if len(rows) != len(nos) {
			t.Fatalf("%d rows, %d No's", len(rows), len(nos))
		}
		for i, r := range rows {
			n := nos[i]
			want := journal.No{ID: n.ID, Date: n.Date, Who: n.Who, Next: n.Next, Change: n.Change, Kind: n.Kind,
				Outcome: n.Outcome, FollowUp: n.FollowUp}
			if got := r.No(); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("row %d = %+v, want %+v", i, got, want)
			}
		}
	}
}
