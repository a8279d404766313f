package store

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// TestMigrationFromSchema1 opens a copy of a journal written by the schema 1
// build (testdata/schema1.db, made by TestWriteFixture before schema 2) and
// checks that every record survives the upgrade and every index, tally and
// aggregate of schema 2 agrees with the records.
func TestMigrationFromSchema1(t *testing.T) {
	path := copyFixture(t, "schema1.db")
	var want journal.Export
	data, err := os.ReadFile(filepath.Join("testdata", "schema1.json"))
	must(t, err)
	must(t, json.Unmarshal(data, &want))
	// Kinds of record a schema 1 export did not have export as empty lists.
	want.Experiments, want.Reviews = []journal.Experiment{}, []journal.Review{}

	s, err := Open(path)
	must(t, err)
	if ns := s.Notices(); len(ns) != 1 || !strings.Contains(ns[0], "from schema 1 to 7") {
		t.Errorf("notices %q", ns)
	}
	if baks, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "rebound-schema1-*.db")); len(baks) != 1 {
		t.Errorf("backups %v", baks)
	}
	mustCheck(t, s)

	// Every record, as the schema 1 build exported it.
	got, err := s.Export(want.ExportedAt)
	must(t, err)
	equal(t, "export", got, want)

	// The layout: schema 1's field indexes are gone, every No is a valueV2.
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	must(t, err)
	must(t, db.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketByOutcome, bucketByReason, bucketByMode} {
			if tx.Bucket(name) != nil {
				t.Errorf("bucket %s survived the migration", name)
			}
		}
		return tx.Bucket(bucketNos).ForEach(func(k, v []byte) error {
			if v[0] != valueV2 {
				t.Errorf("No %d is still value version %d", idOf(k), v[0])
			}
			return nil
		})
	}))
	must(t, db.Close())

	verifyQueries(t, s, want)

	// The migrated journal takes writes, and a second open does nothing.
	n := addNo(t, s, journal.No{Who: "Oscorp", Said: "after the upgrade", Date: "2026-06-02"})
	if n.ID != uint64(len(want.Nos)+2) { // ids 1..13 were used, one deleted
		t.Errorf("new id %d", n.ID)
	}
	s2, err := Open(path)
	must(t, err)
	if len(s2.Notices()) != 0 {
		t.Errorf("second open notices %q", s2.Notices())
	}
	mustCheck(t, s2)
}

// verifyQueries compares every query path with a recomputation over e.
func verifyQueries(t *testing.T, s *Store, e journal.Export) {
	t.Helper()
	if c, _ := s.Count(); c != len(e.Nos) {
		t.Errorf("count %d, want %d", c, len(e.Nos))
	}
	// Pages, filters, ranges and searches agree with a brute force.
	qs := []Query{{}, {Limit: 2}, {Limit: 5, From: "2026-05-05", To: "2026-05-26"}}
	for _, r := range []string{"price", "timing", "competitor", "budget", "trust", "nope"} {
		qs = append(qs, Query{Reason: r}, Query{Reason: r, Limit: 1})
	}
	for _, o := range journal.Outcomes {
		qs = append(qs, Query{Outcome: string(o)}, Query{Outcome: string(o), Limit: 1})
	}
	for _, m := range []string{"sales", "job", "freelance"} {
		qs = append(qs, Query{Mode: m}, Query{Mode: m, Limit: 2, Reason: "price"})
	}
	words := map[string]bool{}
	for i := range e.Nos {
		for _, w := range tokens(e.Nos[i].Text()) {
			words[w] = true
		}
	}
	for _, w := range slices.Sorted(maps.Keys(words)) {
		qs = append(qs, Query{Text: w}, Query{Text: w[:1]}, Query{Text: w + " " + w[:min(2, len(w))], Limit: 1})
	}
	for _, q := range qs {
		var pages []uint64
		for i := 0; ; i++ {
			page, next, err := s.ListNos(q)
			must(t, err)
			pages = append(pages, ids(page)...)
			if next == nil {
				break
			}
			if i > len(e.Nos) {
				t.Fatalf("query %+v: runaway paging", q)
			}
			q.Before = next
		}
		q.Before = nil
		if want := bruteForce(e.Nos, q); !slices.Equal(pages, want) {
			t.Errorf("query %+v:\n got  %v\n want %v", q, pages, want)
		}
	}
	// Aggregates.
	tallies, err := s.Tallies("", "", "")
	must(t, err)
	equal(t, "tallies", tallies, recompute(e.Nos))
	months, err := s.MonthTallies("", "", "")
	must(t, err)
	equal(t, "month tallies", months, recomputeMonths(e.Nos))
	reframed, err := s.ReframedDays("", "")
	must(t, err)
	wantR := map[journal.Day]int{}
	for _, n := range e.Nos {
		if n.Reframed() {
			wantR[n.Date]++
		}
	}
	equal(t, "reframed days", reframed, wantR)
	rd, err := s.ReflectionDays("", "")
	must(t, err)
	wantRD := map[journal.Day]int{}
	for _, r := range e.Reflections {
		wantRD[r.Date] = max(r.Sessions, 1)
	}
	equal(t, "reflection days", rd, wantRD)
	wd, err := s.winDays("", "")
	must(t, err)
	wantWD := map[journal.Day]int{}
	for _, w := range e.Wins {
		wantWD[w.Date]++
	}
	equal(t, "win days", wd, wantWD)
	fu, err := s.FollowUps("")
	must(t, err)
	var wantFU []journal.No
	for _, n := range e.Nos {
		if n.FollowUp != "" && !n.FollowUpDone {
			wantFU = append(wantFU, n)
		}
	}
	slices.SortFunc(wantFU, func(a, b journal.No) int {
		if a.FollowUp != b.FollowUp {
			return strings.Compare(string(a.FollowUp), string(b.FollowUp))
		}
		return int(a.ID) - int(b.ID)
	})
	equal(t, "follow-ups", ids(fu), ids(wantFU))
	waiting := 0
	for _, n := range e.Nos {
		if !n.Reframed() {
			waiting++
		}
	}
	if h, err := s.Home("2026-05-30"); err != nil || h.Waiting != waiting || h.Total != len(e.Nos) {
		t.Errorf("home %+v %v; want %d waiting", h, err, waiting)
	}
}

func recomputeMonths(nos []journal.No) map[string]tally.Day {
	out := map[string]tally.Day{}
	for i := range nos {
		m := string(nos[i].Date[:7])
		t := out[m]
		t.Add(&nos[i], +1)
		out[m] = t
	}
	return out
}
