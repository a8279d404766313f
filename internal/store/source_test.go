package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

var runs atomic.Int64

// crmNos are lost deals as an import reads them: each with its source,
// created when read (so a later import of the same rows differs in
// created_at, as a real one does: only the source tells them apart).
func crmNos(from, to int) []journal.No {
	at := t0.Add(time.Duration(runs.Add(1)) * time.Minute)
	var nos []journal.No
	for i := from; i < to; i++ {
		nos = append(nos, journal.No{Who: fmt.Sprintf("Company %d", i), Date: journal.Day(fmt.Sprintf("2026-10-%02d", 1+i%28)),
			Mode: "sales", Reason: "price", Amount: float64(i) * 1000.5, Source: fmt.Sprintf("hubspot:90123456%02d", i),
			CreatedAt: at, UpdatedAt: at})
	}
	return nos
}

// The same export imported again adds nothing; a newer one adds only its
// new rows, in one transaction and through the copy a large import uses.
func TestImportNosBySourceIsIdempotent(t *testing.T) {
	for _, large := range []bool{false, true} {
		t.Run(fmt.Sprintf("large=%v", large), func(t *testing.T) {
			defer setImportInOneTx(large)()
			s := newStore(t)
			res, err := s.ImportNos(NoSlice(crmNos(0, 5)), t0)
			must(t, err)
			equal(t, "first", [2]int{res.Nos, res.Skipped.Nos}, [2]int{5, 0})
			res, err = s.ImportNos(NoSlice(crmNos(0, 5)), t0)
			must(t, err)
			equal(t, "again", [2]int{res.Nos, res.Skipped.Nos}, [2]int{0, 5})
			newer := crmNos(0, 7)
			slices.Reverse(newer) // not in date order: a large import sorts them
			res, err = s.ImportNos(NoSlice(newer), t0)
			must(t, err)
			equal(t, "newer", [2]int{res.Nos, res.Skipped.Nos}, [2]int{2, 5})
			n, err := s.Count()
			must(t, err)
			equal(t, "count", n, 7)
			got, err := s.NoBySource("hubspot:9012345603")
			must(t, err)
			if got.Who != "Company 3" || got.Amount != 3001.5 {
				t.Errorf("by source: %+v", got)
			}
		})
	}
}

// A bad row refuses the whole import: nothing is written, not even the
// rows before it, and the index has none of them.
func TestImportNosIsAllOrNothing(t *testing.T) {
	s := newStore(t)
	nos := crmNos(0, 4)
	nos[2].Who = "" // a row the store refuses
	if _, err := s.ImportNos(NoSlice(nos), t0); err == nil {
		t.Fatal("an import with a No without who went through")
	}
	n, err := s.Count()
	must(t, err)
	have, err := s.HaveSources([]string{nos[0].Source, nos[1].Source})
	must(t, err)
	if n != 0 || len(have) != 0 {
		t.Errorf("after a refused import: %d No's, sources %v", n, have)
	}
	// The same rows, fixed, import whole.
	nos[2].Who = "Company 2"
	res, err := s.ImportNos(NoSlice(nos), t0)
	must(t, err)
	equal(t, "fixed", res.Nos, 4)
}

// The index follows the No's: an edit keeps a No's source, a delete
// frees it (the row imports again), doctor checks the index and a repair
// remakes it.
func TestSourceIndexFollowsEditDeleteAndRepair(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rebound.db")
	s, err := Open(path)
	must(t, err)
	_, err = s.ImportNos(NoSlice(crmNos(0, 3)), t0)
	must(t, err)
	one, err := s.NoBySource("hubspot:9012345601")
	must(t, err)
	_, err = s.PatchNo(one.ID, t0, func(n *journal.No) error { n.Lesson = "Ask about budget first"; return nil })
	must(t, err)
	res, err := s.ImportNos(NoSlice(crmNos(0, 3)), t0)
	must(t, err)
	equal(t, "after an edit", res.Nos, 0)
	must(t, s.DeleteNo(one.ID))
	if _, err := s.NoBySource("hubspot:9012345601"); err == nil {
		t.Error("the deleted No is still found by its source")
	}
	res, err = s.ImportNos(NoSlice(crmNos(0, 3)), t0)
	must(t, err)
	equal(t, "after a delete", res.Nos, 1)
	mustCheck(t, s)

	// Doctor sees a lost index entry; a repair remakes the index.
	raw(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketBySource).Delete(sourceKey("hubspot:9012345602", 3)) })
	ps, err := s.Check()
	must(t, err)
	if len(ps) == 0 || !strings.Contains(ps[0].Detail, "by_source") {
		t.Fatalf("doctor after losing an entry: %+v", ps)
	}
	raw(t, path, func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketBySource) })
	ps, err = s.Check()
	must(t, err)
	if len(ps) == 0 || !strings.Contains(ps[0].Detail, "by_source is missing") {
		t.Fatalf("doctor without the bucket: %+v", ps)
	}
	must(t, s.Repair())
	mustCheck(t, s)
	res, err = s.ImportNos(NoSlice(crmNos(0, 3)), t0)
	must(t, err)
	equal(t, "after a repair", res.Nos, 0)

	// An entry no No owns is stale.
	raw(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketBySource).Put(sourceKey("hubspot:1", 99), nil) })
	ps, err = s.Check()
	must(t, err)
	if !slices.ContainsFunc(ps, func(p Problem) bool { return strings.Contains(p.Detail, "by_source has an entry for No 99") }) {
		t.Fatalf("doctor with a stale entry: %+v", ps)
	}
	must(t, s.Repair())
	mustCheck(t, s)
}

// A journal without imported No's has no by_source bucket, and doctor is
// content with that.
func TestNoSourceBucketUntilNeeded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rebound.db")
	s, err := Open(path)
	must(t, err)
	addNo(t, s, journal.No{Who: "Acme", Date: "2026-11-10", Mode: "sales"})
	mustCheck(t, s)
	raw(t, path, func(tx *bolt.Tx) error {
		if tx.Bucket(bucketBySource) != nil {
			t.Error("by_source exists without an imported No")
		}
		return nil
	})
}
