package store

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// numbered is e's No's by number, each with its who and date.
func numbered(e journal.Export) map[uint64]string {
	m := map[uint64]string{}
	for _, n := range e.Nos {
		m[n.ID] = string(n.Date) + " " + n.Who
	}
	return m
}

// A restore into a new journal keeps every No's number, whatever the path
// (one transaction, or batches through a copy) and whatever the order of
// the numbers against the dates: every command and note works by number.
func TestImportIntoAnEmptyJournalKeepsTheNumbers(t *testing.T) {
	small := journal.Export{Format: journal.ExportFormat, Nos: []journal.No{
		{ID: 7, Date: "2026-11-01", Who: "Acme", Said: "too dear"},
		{ID: 2, Date: "2026-11-20", Who: "Globex", Said: "not now"},
		{ID: 40, Date: "2026-10-03", Who: "Initech", Said: "we chose another"},
	}}
	for _, name := range []string{"one transaction", "through a copy"} {
		t.Run(name, func(t *testing.T) {
			e := small
			if name == "through a copy" {
				skipShort(t) // 2,500 No's
				e = largeExport(t)
				// Numbers with gaps, in no relation to the dates.
				r := rand.New(rand.NewPCG(1, 2))
				for i, j := range r.Perm(len(e.Nos)) {
					e.Nos[i].ID = uint64(3*j + 5)
				}
			}
			dst := newStore(t)
			head, size, each := streamOf(e, 0)
			res, err := dst.ImportStream(head, size, each, t0)
			must(t, err)
			equal(t, "numbers", res.IDs, IDMap{Kept: len(e.Nos)})
			got, err := dst.Export(t0)
			must(t, err)
			equal(t, "No's by number", numbered(got), numbered(e))
			// The next No logged takes the number after the largest.
			var top uint64
			for _, n := range e.Nos {
				top = max(top, n.ID)
			}
			n := addNo(t, dst, journal.No{Who: "Hooli", Date: "2026-11-21"})
			equal(t, "next number", n.ID, top+1)
			// The search index knows each No by its kept number.
			found, _, err := dst.ListNos(journal.Query{Text: e.Nos[0].Who})
			must(t, err)
			if !containsID(found, e.Nos[0].ID) {
				t.Errorf("a search for %q misses #%d", e.Nos[0].Who, e.Nos[0].ID)
			}
		})
	}
}

func containsID(nos []journal.No, id uint64) bool {
	for _, n := range nos {
		if n.ID == id {
			return true
		}
	}
	return false
}

// A file that repeats a number, or gives none, still imports every No: the
// first keeps the number, the others get the next free ones, and the
// result says so.
func TestImportIntoAnEmptyJournalNumbersRepeatsAnew(t *testing.T) {
	dst := newStore(t)
	e := journal.Export{Format: journal.ExportFormat, Nos: []journal.No{
		{ID: 5, Date: "2026-11-01", Who: "Acme"},
		{ID: 5, Date: "2026-11-02", Who: "Globex"},
		{Date: "2026-11-03", Who: "Initech"},
	}}
	res, err := dst.Import(e, t0)
	must(t, err)
	equal(t, "numbers", res.IDs, IDMap{Kept: 1, Moved: 2, WasMin: 0, WasMax: 5, NowMin: 6, NowMax: 7,
		Runs: []IDRun{{Was: 5, Now: 6, Count: 1}, {Was: 0, Now: 7, Count: 1}}})
	got, err := dst.Export(t0)
	must(t, err)
	equal(t, "No's by number", numbered(got), map[uint64]string{
		5: "2026-11-01 Acme", 6: "2026-11-02 Globex", 7: "2026-11-03 Initech"})
}

// Into a journal that has No's, the imported ones are numbered after its
// own, in date order, and the result maps the file's numbers to the new
// ones in runs; both paths give the same map.
func TestImportIntoAJournalWithNosSaysHowNumbersMoved(t *testing.T) {
	e := journal.Export{Format: journal.ExportFormat}
	for i := 1; i <= 40; i++ {
		e.Nos = append(e.Nos, journal.No{ID: uint64(i), Date: journal.Day(fmt.Sprintf("2026-10-%02d", 1+i/2)),
			Who: fmt.Sprintf("Prospect %d", i)})
	}
	e.Nos[39].ID = 77 // the last one was #77 in the file
	want := IDMap{Moved: 40, WasMin: 1, WasMax: 77, NowMin: 101, NowMax: 140,
		Runs: []IDRun{{Was: 1, Now: 101, Count: 39}, {Was: 77, Now: 140, Count: 1}}}
	for _, large := range []bool{false, true} {
		t.Run(fmt.Sprintf("through a copy %v", large), func(t *testing.T) {
			defer setImportInOneTx(large)()
			dst := newStore(t)
			for i := 0; i < 100; i++ {
				addNo(t, dst, journal.No{Who: "Mine", Date: "2026-11-01", Said: fmt.Sprint(i)})
			}
			head, size, each := streamOf(e, 0)
			res, err := dst.ImportStream(head, size, each, t0)
			must(t, err)
			equal(t, "result", res, ImportResult{Nos: 40, IDs: want})
			n, err := dst.GetNo(140)
			must(t, err)
			equal(t, "#140", n.Who, "Prospect 40")
			// Again: every No is already there, by kind.
			res, err = dst.importStreamAt(streamOf(e, 0))
			must(t, err)
			equal(t, "again", res, ImportResult{Skipped: Skipped{Nos: 40}})
		})
	}
}

// setImportInOneTx sends every import through the copy when large is set,
// and returns what undoes it.
func setImportInOneTx(large bool) func() {
	old := importInOneTx
	if large {
		importInOneTx = 0
	}
	return func() { importInOneTx = old }
}

func TestIDMapRunsStayBounded(t *testing.T) {
	var m IDMap
	for i := uint64(0); i < maxIDRuns+10; i++ {
		m.add(2*i+1, 1e7+i) // every other file number: a run each
	}
	if len(m.Runs) != maxIDRuns || !m.Cut || m.Moved != maxIDRuns+10 || m.NowMax != 1e7+maxIDRuns+9 {
		t.Errorf("runs %d cut %v moved %d now max %d", len(m.Runs), m.Cut, m.Moved, m.NowMax)
	}
}

// An export whose No's come in date order is written as it is read; any
// other goes through the sort. Both give the same journal and the same
// numbers, into an empty journal and into one with No's, with No's that
// have no number and two that share one.
func TestImportInDateOrderMatchesTheSort(t *testing.T) {
	skipShort(t) // 2,500 No's, four imports
	e := largeExport(t)
	slices.SortFunc(e.Nos, func(a, b journal.No) int {
		return cmp.Or(strings.Compare(string(a.Date), string(b.Date)), cmp.Compare(a.ID, b.ID))
	})
	// No number on the first No of two days (so still in order), and a
	// number shared by two No's of one day.
	unnumbered := 0
	for i := 1; i < len(e.Nos) && unnumbered < 2; i++ {
		if e.Nos[i].Date != e.Nos[i-1].Date {
			e.Nos[i].ID, unnumbered = 0, unnumbered+1
		}
	}
	for i := 1; i < len(e.Nos); i++ {
		if e.Nos[i].Date == e.Nos[i-1].Date && e.Nos[i-1].ID != 0 {
			e.Nos[i].ID = e.Nos[i-1].ID
			break
		}
	}
	_, size, _ := streamOf(e, 0)
	if !size.InDateOrder || size.TopID == 0 {
		t.Fatalf("a demo export is in date order: %+v", size)
	}
	for _, into := range []string{"empty", "with No's"} {
		t.Run(into, func(t *testing.T) {
			var got [2]journal.Export
			var res [2]ImportResult
			for i, sorted := range []bool{false, true} {
				dst := newStore(t)
				if into == "with No's" {
					addNo(t, dst, journal.No{Who: "Hooli", Date: "2026-11-21"})
				}
				head, size, each := streamOf(e, 0)
				size.InDateOrder = !sorted
				var err error
				res[i], err = dst.ImportStream(head, size, each, t0)
				must(t, err)
				got[i], err = dst.Export(t0)
				must(t, err)
			}
			equal(t, "result", res[0], res[1])
			equal(t, "No's by number", numbered(got[0]), numbered(got[1]))
			equal(t, "export", got[0], got[1])
		})
	}
}
