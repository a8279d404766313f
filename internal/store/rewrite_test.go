package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/demo"
)

// demoStore is a journal of n demo No's, written as `rebound demo` writes
// it (every index and tally kept by the writes themselves).
func demoStore(t *testing.T, n int) *Store {
	t.Helper()
	j, err := demo.Generate(coach.Default(), demo.Options{Nos: n, Days: 400, Seed: 7, Today: "2026-11-20"})
	must(t, err)
	s := newStoreNoCheck(t)
	must(t, s.Seed(j.Nos, j.Reflections, j.Wins, j.RestDays))
	return s
}

// dumpFile is every bucket of the file at path, its sequence, keys and
// values, one line each: what two journals must agree on to be the same.
func dumpFile(t *testing.T, path string) []string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	must(t, err)
	defer db.Close()
	var out []string
	must(t, db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			out = append(out, fmt.Sprintf("bucket %s seq %d", name, b.Sequence()))
			return b.ForEach(func(k, v []byte) error {
				out = append(out, fmt.Sprintf("%s %x %x", name, k, v))
				return nil
			})
		})
	}))
	return out
}

func sameDump(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d lines, want %d", what, len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Fatalf("%s: line %d\n got  %.200s\n want %.200s", what, i, got[i], want[i])
		}
	}
}

// downgradeTo5 makes the journal at path a schema 5 journal as far as the
// upgrade can tell: schema 6 added only derived buckets (by_who,
// who_counts, mode_counts, follow_up_days) and the follow_ups counter,
// and changed no record; the upgrade reads records only and remakes every
// derived bucket, so the old ones are spoiled too, to prove it.
func downgradeTo5(t *testing.T, path string) {
	t.Helper()
	raw(t, path, func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketByWho, bucketWhoCounts, bucketModeCounts, bucketFollowUpDays} {
			must(t, tx.DeleteBucket(name))
		}
		meta := tx.Bucket(bucketMeta)
		must(t, meta.Delete(keyFollowUps))
		must(t, meta.Put(keyCount, []byte("7")))
		must(t, tx.Bucket(bucketTally).Put([]byte("junk"), []byte("junk")))
		words := tx.Bucket(bucketWords)
		k, _ := words.Cursor().First()
		must(t, words.Delete(k))
		return meta.Put(keySchema, []byte("5"))
	})
}

// An upgrade from schema 5 of a journal of many batches gives, bucket by
// bucket and byte for byte, the journal the writes themselves made, and
// leaves no copy behind.
func TestUpgradeGivesTheJournalTheWritesMade(t *testing.T) {
	n := 3000 // three batches of No's, postings sorted on disk
	if testing.Short() {
		n = 1200
	}
	s := demoStore(t, n)
	want := dumpFile(t, s.Path())
	downgradeTo5(t, s.Path())

	var told []int
	s, err := Open(s.Path(), OnUpgrade(func(nos int) { told = append(told, nos) }))
	must(t, err)
	if ns := s.Notices(); len(ns) != 1 || !strings.Contains(ns[0], "from schema 5 to 7") {
		t.Errorf("notices %q", ns)
	}
	sameDump(t, "upgraded", dumpFile(t, s.Path()), want)
	mustCheck(t, s)
	if len(told) != 0 {
		t.Errorf("a journal of %d No's told OnUpgrade %v", n, told)
	}
	if _, err := os.Stat(s.Path() + upgradingSuffix); !os.IsNotExist(err) {
		t.Errorf("the copy is left behind: %v", err)
	}
	if fi, err := os.Stat(s.Path()); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("journal after the upgrade: %v %v", fi, err)
	}
	baks, _ := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), "backups", "rebound-schema5-*.db"))
	if len(baks) != 1 {
		t.Fatalf("backups %v", baks)
	}
	if got := dumpFile(t, baks[0]); !slices.Contains(got, "meta 736368656d61 35") { // schema = "5"
		t.Errorf("the backup is not the schema 5 file")
	}
}

// OnUpgrade hears of a large journal's upgrade, with its No's.
func TestUpgradeOfALargeJournalIsTold(t *testing.T) {
	s := newStoreNoCheck(t)
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		must(t, tx.Bucket(bucketMeta).Put(keyCount, []byte("120000"))) // read only to tell
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("5"))
	})
	var told []int
	s, err := Open(s.Path(), OnUpgrade(func(nos int) { told = append(told, nos) }))
	must(t, err)
	equal(t, "told", told, []int{120000})
	mustCheck(t, s) // the counter is made from the No's: none
}

// A copy a killed upgrade left next to the journal does not stop the
// next one, which removes it.
func TestUpgradeRemovesTheCopyAKilledOneLeft(t *testing.T) {
	s := demoStore(t, 300)
	want := dumpFile(t, s.Path())
	downgradeTo5(t, s.Path())
	must(t, os.WriteFile(s.Path()+upgradingSuffix, []byte("half a journal"), 0o600))
	s, err := Open(s.Path())
	must(t, err)
	sameDump(t, "upgraded", dumpFile(t, s.Path()), want)
	if _, err := os.Stat(s.Path() + upgradingSuffix); !os.IsNotExist(err) {
		t.Errorf("the old copy is still there: %v", err)
	}
}

// A failed upgrade leaves the journal as it was, and no copy.
func TestFailedUpgradeLeavesTheJournal(t *testing.T) {
	s := demoStore(t, 300)
	downgradeTo5(t, s.Path())
	before, err := os.ReadFile(s.Path())
	must(t, err)
	// A folder where the copy goes: it cannot be made.
	must(t, os.Mkdir(s.Path()+upgradingSuffix, 0o700))
	must(t, os.WriteFile(filepath.Join(s.Path()+upgradingSuffix, "x"), nil, 0o600))
	if _, err := Open(s.Path()); err == nil || !strings.Contains(err.Error(), "migrate journal from schema 5 to 7") {
		t.Fatalf("open: %v", err)
	}
	after, err := os.ReadFile(s.Path())
	must(t, err)
	if !bytes.Equal(before, after) {
		t.Fatal("the journal changed")
	}
	must(t, os.RemoveAll(s.Path()+upgradingSuffix))
	s, err = Open(s.Path())
	must(t, err)
	mustCheck(t, s)
}

// Repair remakes every derived bucket in a copy: the journal the writes
// made, whatever was damaged, and no copy left behind.
func TestRepairGivesTheJournalTheWritesMade(t *testing.T) {
	n := 2500
	if testing.Short() {
		n = 1200
	}
	s := demoStore(t, n)
	want := dumpFile(t, s.Path())
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketByWho, bucketWords, bucketTally} {
			b := tx.Bucket(name)
			k, _ := b.Cursor().Last()
			must(t, b.Delete(k))
		}
		must(t, tx.Bucket(bucketFollowUpDays).Put([]byte("2026-01-01"), u32(9)))
		return tx.Bucket(bucketMeta).Put(keyYes, []byte("3"))
	})
	if ps, _ := s.Check(); len(ps) == 0 {
		t.Fatal("the damage is not seen")
	}
	must(t, s.Repair())
	sameDump(t, "repaired", dumpFile(t, s.Path()), want)
	if _, err := os.Stat(s.Path() + repairingSuffix); !os.IsNotExist(err) {
		t.Errorf("the copy is left behind: %v", err)
	}
}

// A stale copy of an upgrade or a repair is one of Rebound's temporaries:
// the next run removes it, and says what it was.
func TestStaleRewriteCopiesAreCleaned(t *testing.T) {
	s := newStore(t)
	for _, c := range []struct{ suffix, what string }{{upgradingSuffix, UpgradeCopy}, {repairingSuffix, RepairCopy}} {
		p := s.Path() + c.suffix
		must(t, os.WriteFile(p, []byte("x"), 0o600))
		must(t, os.Chtimes(p, old, old))
		found := s.CleanTemps(t0)
		if len(found) != 1 || found[0].Path != p || found[0].What != c.what || !found[0].Removed {
			t.Errorf("%s: found %+v", c.suffix, found)
		}
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there", p)
		}
	}
}
