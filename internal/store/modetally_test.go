package store

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// fiveAndFive logs five sales and five job No's, all timing, on two days.
func fiveAndFive(t *testing.T, s *Store) []journal.No {
	t.Helper()
	var out []journal.No
	for i := range 10 {
		mode := []string{"sales", "job"}[i%2]
		day := journal.Day(fmt.Sprintf("2026-11-%02d", 2+i%3))
		out = append(out, addNo(t, s, journal.No{Who: "Acme", Date: day, Reason: "timing", Mode: mode}))
	}
	return out
}

func sumDays[K comparable](ts map[K]tally.Day) tally.Day {
	var sum tally.Day
	for _, t := range ts {
		sum.Merge(&t)
	}
	return sum
}

// Each mode's tallies count only its No's; "" counts every mode.
func TestTalliesPerMode(t *testing.T) {
	s := newStore(t)
	nos := fiveAndFive(t, s)
	for _, c := range []struct {
		mode string
		want int
	}{{"sales", 5}, {"job", 5}, {"", 10}, {"school", 0}} {
		days, err := s.Tallies(c.mode, "", "")
		must(t, err)
		months, err := s.MonthTallies(c.mode, "", "")
		must(t, err)
		d, m := sumDays(days), sumDays(months)
		if d.Nos != c.want || d.Reasons["timing"] != c.want || m.Nos != c.want || m.Reasons["timing"] != c.want {
			t.Errorf("mode %q: days %d No's (%d timing), months %d (%d timing); want %d", c.mode, d.Nos, d.Reasons["timing"], m.Nos, m.Reasons["timing"], c.want)
		}
		for mk := range months {
			if mk != "2026-11" {
				t.Errorf("mode %q: month key %q", c.mode, mk)
			}
		}
	}
	// A narrow range of one mode.
	days, err := s.Tallies("job", "2026-11-03", "2026-11-03")
	must(t, err)
	if len(days) != 1 || days["2026-11-03"].Nos != 2 { // i = 1 and 7 (i = 4 is sales)
		t.Errorf("job on 2026-11-03: %+v", days)
	}
	// Home's week counts the person's No's, every mode.
	h, err := s.Home("2026-11-04")
	must(t, err)
	if h.Week != 10 || h.Today != 3 {
		t.Errorf("home week %d today %d; want 10 and 3", h.Week, h.Today)
	}

	// An edit that changes a No's mode moves its counters.
	n := nos[0] // sales
	n.Mode = "job"
	must(t, s.UpdateNo(&n, t0))
	mustCheck(t, s)
	for mode, want := range map[string]int{"sales": 4, "job": 6, "": 10} {
		days, err := s.Tallies(mode, "", "")
		must(t, err)
		months, err := s.MonthTallies(mode, "", "")
		must(t, err)
		if d, m := sumDays(days), sumDays(months); d.Nos != want || m.Nos != want || d.Reasons["timing"] != want {
			t.Errorf("after the edit, mode %q: %d No's by day, %d by month; want %d", mode, d.Nos, m.Nos, want)
		}
	}
	must(t, s.DeleteNo(nos[1].ID))
	if days, _ := s.Tallies("job", "", ""); sumDays(days).Nos != 5 {
		t.Errorf("after the delete, job counts %d", sumDays(days).Nos)
	}
}

// Reading one mode's tallies does not read another mode's keys: the cursor
// is seeked to the mode's range and stops at its end.
func TestModeRangeReadsOnlyItsMode(t *testing.T) {
	s := newStore(t)
	fiveAndFive(t, s)
	must(t, s.view(func(_ *bolt.Tx, b *buckets) error {
		for _, bk := range []*bolt.Bucket{b.tally, b.months} {
			err := modeRange(bk, "job", "", "", func(m string, d journal.Day, _ []byte) error {
				if m != "job" {
					t.Errorf("read a key of %q", m)
				}
				return nil
			})
			must(t, err)
		}
		return nil
	}))
}

// A schema 4 journal (tallies keyed by date alone, summed over the modes)
// opens, is upgraded, counts each mode apart and passes Check.
func TestMigrationFromSchema4KeysTalliesByMode(t *testing.T) {
	s := newStoreNoCheck(t)
	fiveAndFive(t, s)
	// Rewrite the tallies as schema 4 kept them: date -> every mode's sum.
	raw(t, s.Path(), func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketTally, bucketMonths} {
			bk := tx.Bucket(name)
			old := map[string]*tally.Day{}
			var keys [][]byte
			must(t, bk.ForEach(func(k, v []byte) error {
				_, d, ok := splitTallyKey(k)
				if !ok {
					t.Fatalf("key %q", k)
				}
				var day tally.Day
				must(t, decodeTally(v, &day))
				if old[string(d)] == nil {
					old[string(d)] = &tally.Day{}
				}
				old[string(d)].Merge(&day)
				keys = append(keys, bytes.Clone(k))
				return nil
			}))
			for _, k := range keys {
				must(t, bk.Delete(k))
			}
			for d, day := range old {
				must(t, bk.Put([]byte(d), encodeTally(day)))
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("4"))
	})
	s, err := Open(s.Path())
	must(t, err)
	if ns := s.Notices(); len(ns) != 1 || !strings.Contains(ns[0], "from schema 4 to 7") {
		t.Errorf("notices %q", ns)
	}
	mustCheck(t, s)
	for mode, want := range map[string]int{"sales": 5, "job": 5, "": 10} {
		months, err := s.MonthTallies(mode, "", "")
		must(t, err)
		if m := sumDays(months); m.Nos != want || m.Reasons["timing"] != want {
			t.Errorf("mode %q after the upgrade: %d No's, %d timing; want %d", mode, m.Nos, m.Reasons["timing"], want)
		}
	}
}
