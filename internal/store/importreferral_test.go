package store

import (
	"fmt"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// A win's referral_from follows its No when an import numbers the No's
// anew (into a journal with No's), on every path: one transaction, the
// copy with the sort (No's out of date order, written after the wins) and
// the copy in date order. Into an empty journal the numbers are kept; a
// referral to a No the import did not add points at none.
func TestImportRenumbersAWinsReferral(t *testing.T) {
	e := journal.Export{Format: journal.ExportFormat}
	for i := 1; i <= 6; i++ {
		e.Nos = append(e.Nos, journal.No{ID: uint64(i), Date: journal.Day(fmt.Sprintf("2026-10-%02d", 10-i)),
			Who: fmt.Sprintf("Prospect %d", i), Referral: "Dana"})
	}
	e.Wins = []journal.Win{
		{Who: "Dana", Date: "2026-10-20", ReferralFrom: 2},
		{Who: "Eve", Date: "2026-10-21", ReferralFrom: 5},
		{Who: "Nobody", Date: "2026-10-22", ReferralFrom: 99}, // not in the file
		{Who: "Plain", Date: "2026-10-23"},
	}
	for _, path := range []string{"one transaction", "copy, sorted", "copy, in date order"} {
		t.Run(path, func(t *testing.T) {
			defer setImportInOneTx(path != "one transaction")()
			for _, into := range []string{"with No's", "empty"} {
				dst := newStore(t)
				if into == "with No's" {
					for i := 0; i < 10; i++ {
						addNo(t, dst, journal.No{Who: "Mine", Date: "2026-11-01", Said: fmt.Sprint(i)})
					}
				}
				head, size, each := streamOf(e, 0)
				switch path {
				case "copy, sorted":
					size.InDateOrder = false
				case "copy, in date order":
					size.InDateOrder = true
				}
				res, err := dst.ImportStream(head, size, each, t0)
				must(t, err)
				if res.Wins != 4 {
					t.Fatalf("%s: %d wins imported, want 4", into, res.Wins)
				}
				wins, err := dst.Wins()
				must(t, err)
				got := map[string]string{}
				for _, w := range wins {
					ref := "-"
					if w.ReferralFrom != 0 {
						ref = fmt.Sprintf("#%d, not here", w.ReferralFrom)
						if n, err := dst.GetNo(w.ReferralFrom); err == nil {
							ref = n.Who
						}
					}
					got[w.Who] = ref
				}
				want := map[string]string{"Dana": "Prospect 2", "Eve": "Prospect 5", "Plain": "-", "Nobody": "-"}
				if into == "empty" {
					want["Nobody"] = "#99, not here" // kept as in the file, as the No's are
				}
				equal(t, into+": whose referral each win came from", got, want)
			}
		})
	}
}

// A referral names the No the file numbered so, not the journal's No of
// that number; one to a No the journal already held (a repeat, not added)
// points at none rather than at the wrong one.
func TestImportPointsAReferralAtTheFilesNo(t *testing.T) {
	dst := newStore(t)
	for i := 0; i < 3; i++ {
		addNo(t, dst, journal.No{Who: "Mine", Date: "2026-11-01", Said: fmt.Sprint(i)})
	}
	e, err := dst.Export(t0)
	must(t, err)
	e.Wins = []journal.Win{{Who: "Dana", Date: "2026-11-02", ReferralFrom: 2}, {Who: "Eve", Date: "2026-11-02", ReferralFrom: 9}}
	e.Nos = append(e.Nos, journal.No{ID: 2, Date: "2026-11-03", Who: "Other"})
	e.Nos[1].ID = 9 // the repeat carries another number
	res, err := dst.Import(e, t0)
	must(t, err)
	if res.Nos != 1 || res.Wins != 2 {
		t.Fatalf("imported %+v", res)
	}
	wins, err := dst.Wins()
	must(t, err)
	got := map[string]uint64{}
	for _, w := range wins {
		got[w.Who] = w.ReferralFrom
	}
	// File #2 is the new "Other" No, now #4; file #9 was already #2 here.
	equal(t, "referral_from by win", got, map[string]uint64{"Dana": 4, "Eve": 0})
}
