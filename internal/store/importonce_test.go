package store

import (
	"bytes"
	"cmp"
	"errors"
	"os"
	"slices"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// readOf is a read for ImportOnce over e, as exchange.StreamParallel hands
// over a file (Prepare and NoPrepared folded, as one goroutine reads);
// failAfter as streamOf.
func readOf(e journal.Export, failAfter int) func(journal.Records) (journal.Export, error) {
	head, _, each := streamOf(e, failAfter)
	return func(to journal.Records) (journal.Export, error) { return head, each(to.WithPrepared()) }
}

// inDateOrder is e with its No's sorted by date, then number.
func inDateOrder(e journal.Export) journal.Export {
	e.Nos = slices.Clone(e.Nos)
	slices.SortStableFunc(e.Nos, func(a, b journal.No) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
	})
	return e
}

// An export in date order imported in one read gives what the two reads
// give: the same result (numbers, skips) and the same journal, into an
// empty journal and into one that already holds some of it, and with the
// prospect index's keys sorted in many runs.
func TestImportOnceAgreesWithTwoReads(t *testing.T) {
	skipShort(t) // 2,500 No's, imported eight times
	e := inDateOrder(largeExport(t))
	e.Settings = &journal.Settings{Mode: "job"}
	runBytes := sortRunBytes
	sortRunBytes = 8 << 10 // the prospect keys in many runs
	defer func() { sortRunBytes = runBytes }()
	for _, held := range []int{0, 700} {
		fill := func(s *Store) {
			if held == 0 {
				return
			}
			part := e
			part.Nos, part.Wins, part.Settings = e.Nos[:held], e.Wins[:len(e.Wins)/2], nil
			_, err := s.Import(part, t0)
			must(t, err)
			addNo(t, s, journal.No{Who: "Mine", Date: "2026-11-02"})
		}
		once, twice := newStore(t), newStore(t)
		fill(once)
		fill(twice)
		got, err := once.ImportOnce(readOf(e, 0), t0)
		must(t, err)
		head, size, each := streamOf(e, 0)
		want, err := twice.ImportStream(head, size, each, t0)
		must(t, err)
		equal(t, "result", got, want)
		if held > 0 && got.Skipped.Nos != held {
			t.Errorf("with %d held: %d skipped", held, got.Skipped.Nos)
		}
		a, err := once.Export(t0)
		must(t, err)
		b, err := twice.Export(t0)
		must(t, err)
		equal(t, "journal", a, b)
		// The indexes answer alike: a prospect's No's, a search.
		who := e.Nos[len(e.Nos)/2].Who
		for _, q := range []journal.Query{{Who: who}, {Text: who}} {
			x, _, err := once.ListNos(q)
			must(t, err)
			y, _, err := twice.ListNos(q)
			must(t, err)
			if len(x) == 0 {
				t.Fatalf("%+v finds nothing", q)
			}
			equal(t, "listed", x, y)
		}
	}
}

// What one read cannot write as the two reads would (No's out of date
// order; a No without a number, or with one already taken, in a journal
// without No's: its new number comes after the file's largest) is left to
// them, with the journal as it was; the same into a journal with No's
// (numbered after its own) is written.
func TestImportOnceLeavesToTwoReads(t *testing.T) {
	base := journal.Export{Format: journal.ExportFormat, Nos: []journal.No{
		{ID: 3, Date: "2026-10-01", Who: "Acme"},
		{ID: 9, Date: "2026-10-02", Who: "Globex"},
		{ID: 4, Date: "2026-10-03", Who: "Initech"},
	}}
	outOfOrder := base
	outOfOrder.Nos = []journal.No{base.Nos[1], base.Nos[0], base.Nos[2]}
	noNumber := base
	noNumber.Nos = slices.Clone(base.Nos)
	noNumber.Nos[1].ID = 0
	repeated := base
	repeated.Nos = slices.Clone(base.Nos)
	repeated.Nos[2].ID = 3
	for _, c := range []struct {
		name  string
		e     journal.Export
		empty bool // into an empty journal
		twice bool // left to two reads
	}{
		{"in order, empty", base, true, false},
		{"out of order, empty", outOfOrder, true, true},
		{"out of order, with No's", outOfOrder, false, true},
		{"without a number, empty", noNumber, true, true},
		{"without a number, with No's", noNumber, false, false},
		{"a number repeated, empty", repeated, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			if !c.empty {
				addNo(t, s, journal.No{Who: "Mine", Date: "2026-11-02"})
			}
			before, err := os.ReadFile(s.Path())
			must(t, err)
			res, err := s.ImportOnce(readOf(c.e, 0), t0)
			if c.twice {
				if !errors.Is(err, ErrTwoReads) {
					t.Fatalf("got %v, %+v; want ErrTwoReads", err, res)
				}
				after, err := os.ReadFile(s.Path())
				must(t, err)
				if !bytes.Equal(before, after) {
					t.Error("the journal changed")
				}
				return
			}
			must(t, err)
			equal(t, "No's", res.Nos, 3)
			if c.empty {
				equal(t, "numbers", res.IDs, IDMap{Kept: 3})
				n := addNo(t, s, journal.No{Who: "Hooli", Date: "2026-11-21"})
				equal(t, "next number", n.ID, uint64(10))
			}
		})
	}
}

// A problem late in the file (or in reading it) leaves the journal as it
// was, and no copy behind.
func TestImportOnceIsAllOrNothing(t *testing.T) {
	e := inDateOrder(largeExport(t))
	dst := newStore(t)
	addNo(t, dst, journal.No{Who: "Mine", Date: "2026-11-02"})
	before, err := os.ReadFile(dst.Path())
	must(t, err)
	if _, err := dst.ImportOnce(readOf(e, 1500), t0); err == nil || errors.Is(err, ErrTwoReads) {
		t.Fatalf("a failing read gave %v", err)
	}
	bad := e
	bad.Nos = slices.Clone(e.Nos)
	bad.Nos[2000].Feeling = 99
	if _, err := dst.ImportOnce(readOf(bad, 0), t0); err == nil {
		t.Fatal("a No refused by the store was imported")
	}
	after, err := os.ReadFile(dst.Path())
	must(t, err)
	if !bytes.Equal(before, after) {
		t.Error("the journal changed although the import failed")
	}
	if _, err := os.Stat(dst.Path() + ".importing"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the copy is left behind: %v", err)
	}
}

// An import that adds nothing (every record already there) leaves the
// journal file as it was, by either path, rather than replacing it with
// a copy of itself; one that adds only a rest day replaces it.
func TestImportOfWhatIsThereKeepsTheFile(t *testing.T) {
	e := inDateOrder(largeExport(t))
	dst := newStore(t)
	_, err := dst.ImportOnce(readOf(e, 0), t0)
	must(t, err)
	before, err := os.Stat(dst.Path())
	must(t, err)
	res, err := dst.ImportOnce(readOf(e, 0), t0)
	must(t, err)
	equal(t, "skipped", res.Skipped.Nos, len(e.Nos))
	head, size, each := streamOf(e, 0)
	_, err = dst.ImportStream(head, size, each, t0)
	must(t, err)
	after, err := os.Stat(dst.Path())
	must(t, err)
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("an import that added nothing replaced the journal")
	}
	e.RestDays = append(e.RestDays, "2026-11-07")
	_, err = dst.ImportOnce(readOf(e, 0), t0)
	must(t, err)
	if after, err = os.Stat(dst.Path()); err != nil || os.SameFile(before, after) {
		t.Errorf("an import that added a rest day left the journal as it was (%v)", err)
	}
	days, err := dst.RestDays()
	must(t, err)
	if !days["2026-11-07"] {
		t.Errorf("the rest day is not there: %v", days)
	}
}
