package store

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/journal"
)

// streamOf hands e's records over one at a time, as exchange.Stream does;
// with failAfter > 0 it fails once that many No's have gone.
func streamOf(e journal.Export, failAfter int) (journal.Export, journal.Size, func(journal.Records) error) {
	head := journal.Export{Format: e.Format, ExportedAt: e.ExportedAt, Settings: e.Settings}
	size := journal.Size{Nos: len(e.Nos), Reflections: len(e.Reflections), Wins: len(e.Wins), RestDays: len(e.RestDays), Bytes: int64(700 * len(e.Nos))}
	var order journal.Order // as exchange.Stream finds it
	for i := range e.Nos {
		order.Add(&e.Nos[i])
	}
	order.Fill(&size)
	return head, size, func(to journal.Records) error {
		for i := range e.Nos {
			if failAfter > 0 && i == failAfter {
				return errors.New("the file changed while it was read")
			}
			n := e.Nos[i]
			if err := callRecord(to.No, &n); err != nil {
				return err
			}
		}
		for i := range e.Reflections {
			r := e.Reflections[i]
			if err := callRecord(to.Reflection, &r); err != nil {
				return err
			}
		}
		for i := range e.Wins {
			w := e.Wins[i]
			if err := callRecord(to.Win, &w); err != nil {
				return err
			}
		}
		for _, d := range e.RestDays {
			if to.RestDay != nil {
				if err := to.RestDay(d); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// largeExport is a journal of 2,500 No's (three batches) exported.
func largeExport(t *testing.T) journal.Export {
	t.Helper()
	j, err := demo.Generate(coach.Default(), demo.Options{Nos: 2500, Days: 400, Seed: 3, Today: "2026-11-20"})
	must(t, err)
	src := newStore(t)
	must(t, src.Seed(j.Nos, j.Reflections, j.Wins, j.RestDays))
	e, err := src.Export(t0)
	must(t, err)
	return e
}

func TestLargeImportGoesThroughACopy(t *testing.T) {
	skipShort(t) // 2,500 No's; TestLargeImportIsAllOrNothing takes the copy's path under -short
	if importInOneTx >= 2500 {
		t.Fatal("the export must be larger than what goes in one transaction")
	}
	e := largeExport(t)
	dst := newStore(t)
	head, count, each := streamOf(e, 0)
	res, err := dst.ImportStream(head, count, each, t0)
	must(t, err)
	equal(t, "result", res, ImportResult{Nos: 2500, Reflections: len(e.Reflections), Wins: len(e.Wins), IDs: IDMap{Kept: 2500}})
	got, err := dst.Export(t0)
	must(t, err)
	equal(t, "export after import", withoutIDs(got), withoutIDs(e))
	if _, err := os.Stat(dst.Path() + ".importing"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the copy is left behind: %v", err)
	}
	if fi, err := os.Stat(dst.Path()); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("journal after import: %v %v", fi.Mode(), err)
	}
	// Again: nothing added, and the same answer as one transaction gives.
	res, err = dst.importStreamAt(streamOf(e, 0))
	must(t, err)
	want, err := dst.Import(e, t0)
	must(t, err)
	equal(t, "second import", res, want)
	equal(t, "nothing added", res.Nos+res.Wins+res.Reflections, 0)
}

// ImportStream's arguments are a stream and a time; this adapts the
// three-valued streamOf for a direct call.
func (s *Store) importStreamAt(head journal.Export, size journal.Size, each func(journal.Records) error) (ImportResult, error) {
	return s.ImportStream(head, size, each, t0)
}

func TestLargeImportIsAllOrNothing(t *testing.T) {
	e := largeExport(t)
	dst := newStore(t)
	addNo(t, dst, journal.No{Who: "Mine", Date: "2026-11-02"})
	before, err := os.ReadFile(dst.Path())
	must(t, err)
	// Fails after the first batch went to the copy.
	_, err = dst.importStreamAt(streamOf(e, 1500))
	if err == nil {
		t.Fatal("a failing stream imported")
	}
	after, err := os.ReadFile(dst.Path())
	must(t, err)
	if !bytes.Equal(before, after) {
		t.Error("the journal changed although the import failed")
	}
	if _, err := os.Stat(dst.Path() + ".importing"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the copy is left behind: %v", err)
	}
	if n, _ := dst.Count(); n != 1 {
		t.Errorf("%d No's after a failed import, want 1", n)
	}
}

// A write that waited for the lock while a large import ran must land in
// the journal that replaced the old file, not in the old file.
func TestWriteWaitingOnALargeImportLands(t *testing.T) {
	skipShort(t)
	e := largeExport(t)
	dst := newStore(t)
	other, err := Open(dst.Path())
	must(t, err)
	// Today's daily backup is made now, so the write below waits for the
	// journal's write lock itself (a backup would wait for it first).
	addNo(t, other, journal.No{Who: "Before", Date: "2026-11-01"})
	head, count, each := streamOf(e, 0)
	done := make(chan error, 1)
	started := false
	slow := func(to journal.Records) error {
		no := to.No
		to.No = func(n *journal.No) error {
			if !started {
				started = true
				go func() {
					n := journal.No{Who: "Waited", Date: "2026-11-21"}
					done <- other.AddNo(&n, t0)
				}()
				time.Sleep(100 * time.Millisecond) // it is now waiting for the lock
			}
			return no(n)
		}
		return each(to)
	}
	_, err = dst.ImportStream(head, count, slow, t0)
	must(t, err)
	must(t, <-done)
	if n, _ := dst.Count(); n != 2502 {
		t.Fatalf("%d No's, want the one before, the 2500 imported and the one that waited", n)
	}
	got, _, err := dst.ListNos(Query{Text: "waited"})
	must(t, err)
	if len(got) != 1 || got[0].Who != "Waited" {
		t.Errorf("the No written while the import ran is lost: %+v", got)
	}
}
