package store

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// A schema 6 journal's tallies lack what schema 7 counts (the thought
// record, the sting's drop, referrals, stages), and it has no week_events;
// opening it with this build recounts and makes them from the No's, so
// doctor finds nothing and insights and the review count the No's logged
// before the upgrade.
func TestMigrationFromSchema6RecountsTallies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rebound.db")
	s, err := Open(path)
	must(t, err)
	n := journal.No{Date: "2026-11-02", Mode: "sales", Who: "Acme", Said: "Not now", Reason: "price",
		Change: "budget", Lesson: "ask early", Feeling: 5, FeelingAfter: 2, Thought: "They'll never buy",
		Traps: []string{"fortune-telling"}, Stage: "demo", ReferralAsked: true, FollowUp: "2026-11-10"}
	must(t, s.AddNo(&n, t0))
	// What schema 6 left: tallies without the new counts (here: none), and
	// its number.
	db, err := bolt.Open(path, 0o600, nil)
	must(t, err)
	must(t, db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketTally, bucketMonths} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket(bucketEvents); err != nil { // schema 7's
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("6"))
	}))
	must(t, db.Close())

	s, err = Open(path)
	must(t, err)
	if ns := s.Notices(); len(ns) != 1 || !strings.Contains(ns[0], "from schema 6 to 7") {
		t.Errorf("notices %q", ns)
	}
	mustCheck(t, s)
}
