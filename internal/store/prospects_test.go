package store

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/rebound-coach/rebound/internal/journal"
)

// prospectIDs pages through a prospect's No's, limit at a time.
func prospectIDs(t *testing.T, s *Store, name string, limit int) (journal.Prospect, []uint64) {
	t.Helper()
	var ids []uint64
	var before *Cursor
	var first journal.Prospect
	for i := 0; ; i++ {
		p, err := s.Prospect(name, limit, before)
		if err != nil {
			t.Fatalf("Prospect(%q): %v", name, err)
		}
		if i == 0 {
			first = p
		}
		for _, n := range p.Nos {
			ids = append(ids, n.ID)
		}
		if p.Next == nil {
			return first, ids
		}
		if i > 10000 {
			t.Fatalf("Prospect(%q): runaway paging", name)
		}
		before = p.Next
	}
}

func TestProspectMatchesCaseInsensitively(t *testing.T) {
	t.Parallel()
	s, err := Open(filepath.Join(t.TempDir(), "rebound.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	long := strings.Repeat("Very Long Name ", 40)
	for i, who := range []string{"Acme Corp", "ACME  CORP", " acme corp ", "Acme Corporation", "Acme", "Globex", "X", "🦊", long, "O'Brien & \"Sons\"", "Plan B",
		"a\x00d", "a", "ſtrasse", "Kelvin"} {
		n := journal.No{Who: who, Date: journal.Day("2026-11-01").AddDays(i), Mode: "sales", Said: "acme corp mentioned"}
		if err := s.AddNo(&n, now); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		ids  []uint64
	}{
		{"acme corp", []uint64{3, 2, 1}}, // newest first; not "Acme Corporation", not "Acme"
		{"  ACME   Corp ", []uint64{3, 2, 1}},
		{"acme", []uint64{5}},
		{"x", []uint64{7}},
		{"🦊", []uint64{8}},
		{strings.ToLower(long), []uint64{9}},
		{strings.ToLower(long) + "x", nil}, // a long name's start is not the name
		{"o'brien & \"sons\"", []uint64{10}},
		{"plan b", []uint64{11}},
		{"A\x00D", []uint64{12}}, // a 0x00 in a name does not end it
		{"A", []uint64{13}},
		{"STRASSE", []uint64{14}},     // ſ folds to s, as strings.EqualFold says
		{"\u212aelvin", []uint64{15}}, // the Kelvin sign folds to k
		{"Initech", nil},
	}
	for _, tc := range tests {
		p, ids := prospectIDs(t, s, tc.name, 2)
		if !slices.Equal(ids, tc.ids) {
			t.Errorf("Prospect(%q) = %v, want %v", tc.name, ids, tc.ids)
		}
		if p.Total != len(tc.ids) {
			t.Errorf("Prospect(%q).Total = %d, want %d", tc.name, p.Total, len(tc.ids))
		}
		for _, id := range tc.ids {
			if n, _ := s.GetNo(id); !SameWho(n.Who, tc.name) {
				t.Errorf("Prospect(%q) lists No %d of %q", tc.name, id, n.Who)
			}
		}
	}
	if _, err := s.Prospect("  ", 5, nil); err == nil || !journal.IsValidation(err) {
		t.Errorf("empty name: %v", err)
	}
	if err := s.AddWin(&journal.Win{Who: "acme CORP", What: "Pilot"}, now); err != nil {
		t.Fatal(err)
	}
	if err := s.AddWin(&journal.Win{Who: "Globex"}, now); err != nil {
		t.Fatal(err)
	}
	wins, err := s.WinsByWho("Acme Corp")
	if err != nil || len(wins) != 1 || wins[0].What != "Pilot" {
		t.Errorf("WinsByWho = %+v, %v", wins, err)
	}
	mustCheck(t, s)
}

// wantProspect is Prospect's answer worked out from every No.
func wantProspect(all []journal.No, name string) (ids []uint64, yes int, latest journal.Outcome, fu uint64) {
	var mine []journal.No
	for _, n := range all {
		if SameWho(n.Who, name) {
			mine = append(mine, n)
		}
	}
	slices.SortFunc(mine, func(a, b journal.No) int {
		return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(b.ID, a.ID))
	})
	var best *journal.No
	for i, n := range mine {
		ids = append(ids, n.ID)
		if n.Outcome == journal.OutcomeYes {
			yes++
		}
		if n.FollowUp != "" && !n.FollowUpDone && n.Outcome != journal.OutcomeYes && n.Outcome != journal.OutcomeClosed &&
			(best == nil || n.FollowUp < best.FollowUp || (n.FollowUp == best.FollowUp && n.ID < best.ID)) {
			best = &mine[i]
		}
	}
	if len(mine) > 0 {
		latest = mine[0].Outcome
	}
	if best != nil {
		fu = best.ID
	}
	return ids, yes, latest, fu
}

func checkProspects(t *testing.T, s *Store, names []string, step string) {
	t.Helper()
	all, _, err := s.ListNos(Query{})
	must(t, err)
	for _, name := range names {
		wantIDs, yes, latest, fu := wantProspect(all, name)
		p, ids := prospectIDs(t, s, name, 3)
		var gotFU uint64
		if p.OpenFollowUp != nil {
			gotFU = p.OpenFollowUp.ID
		}
		if !slices.Equal(ids, wantIDs) || p.Total != len(wantIDs) || p.Yes != yes || p.Latest != latest || gotFU != fu {
			t.Fatalf("after %s, %q: ids %v total %d yes %d latest %q follow-up %d; want %v %d %d %q %d",
				step, name, ids, p.Total, p.Yes, p.Latest, gotFU, wantIDs, len(wantIDs), yes, latest, fu)
		}
	}
}

// The prospect index and its counters follow every way a No changes: add,
// edit (name, date, outcome, follow-up), delete, import and repair; Check
// agrees with them after each round.
func TestProspectIndexFollowsEveryWrite(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	names := []string{"Acme Corp", "acme  corp", "Globex", "Initech", "Umbrella"}
	rng := rand.New(rand.NewPCG(7, 9))
	day := func() journal.Day { return journal.Day("2026-10-01").AddDays(rng.IntN(40)) }
	var live []uint64
	now := t0
	for round := range 6 {
		for range 25 {
			now = now.Add(time.Minute)
			switch op := rng.IntN(10); {
			case op < 4 || len(live) == 0:
				n := journal.No{Who: names[rng.IntN(len(names))], Date: day(), Mode: "sales", Reason: "price"}
				if rng.IntN(2) == 0 {
					n.FollowUp = day().AddDays(10)
				}
				must(t, s.AddNo(&n, now))
				live = append(live, n.ID)
			case op < 8:
				id := live[rng.IntN(len(live))]
				_, err := s.PatchNo(id, now, func(n *journal.No) error {
					switch rng.IntN(5) {
					case 0:
						n.Who = names[rng.IntN(len(names))]
					case 1:
						n.Date = day()
					case 2:
						n.Outcome = journal.Outcomes[rng.IntN(len(journal.Outcomes))]
					case 3:
						n.FollowUp = day().AddDays(5)
						n.FollowUpDone = false
					case 4:
						n.FollowUpDone = !n.FollowUpDone
					}
					return nil
				})
				must(t, err)
			default:
				i := rng.IntN(len(live))
				must(t, s.DeleteNo(live[i]))
				live = slices.Delete(live, i, i+1)
			}
		}
		checkProspects(t, s, names, fmt.Sprintf("round %d of writes", round))
	}
	// An import of another journal's No's (new ones and one already here).
	other := newStore(t)
	for i := range 30 {
		addNo(t, other, journal.No{Who: names[i%len(names)], Date: day(), Mode: "sales", Outcome: journal.Outcomes[i%len(journal.Outcomes)], FollowUp: day().AddDays(3)})
	}
	e, err := other.Export(now)
	must(t, err)
	_, err = s.Import(e, now)
	must(t, err)
	checkProspects(t, s, names, "the import")
	mustCheck(t, s)
	must(t, s.Repair())
	checkProspects(t, s, names, "a repair")
}

// A prospect's page costs what it shows: with 3,000 No's from them in a
// journal of 4,000, a page of ten decodes at most ten No's and the two its
// header needs, and its counts come from who_counts. (NosByWho, before
// the prospect index, decoded all 3,000 for any page.)
func TestProspectReadIsBounded(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	nos := make([]journal.No, 4000)
	for i := range nos {
		who := "Acme Corp"
		if i%4 == 0 {
			who = "Globex"
		}
		nos[i] = journal.No{Who: who, Date: journal.Day("2024-01-01").AddDays(i / 5), Mode: "sales", Outcome: journal.OutcomeOpen,
			CreatedAt: t0, UpdatedAt: t0, OutcomeHistory: []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: t0}}}
		if i%10 == 1 {
			nos[i].Outcome = journal.OutcomeYes
		}
		if i == 5 {
			nos[i].FollowUp = "2026-12-01"
		}
	}
	must(t, s.SeedNos(nos))
	before := s.decoded.Load()
	p, err := s.Prospect("acme corp", 10, nil)
	must(t, err)
	if got := s.decoded.Load() - before; got > 12 {
		t.Errorf("a page of 10 decoded %d No's", got)
	}
	if len(p.Nos) != 10 || p.Total != 3000 || p.Yes != 400 || p.OpenFollowUp == nil || p.OpenFollowUp.ID != 6 || p.Next == nil {
		t.Errorf("page %d No's, total %d, yes %d, follow-up %v, next %v", len(p.Nos), p.Total, p.Yes, p.OpenFollowUp, p.Next)
	}
	before = s.decoded.Load()
	p2, err := s.Prospect("acme corp", 10, p.Next)
	must(t, err)
	if got := s.decoded.Load() - before; got > 12 {
		t.Errorf("the second page decoded %d No's", got)
	}
	if len(p2.Nos) != 10 || p2.Nos[0].Date > p.Nos[9].Date || p2.Name != "Acme Corp" {
		t.Errorf("second page %+v", p2)
	}
}

// Check finds each prospect counter and index key out of step, and
// Repair mends them.
func TestCheckFindsProspectCountersOutOfStep(t *testing.T) {
	t.Parallel()
	for name, damage := range map[string]func(tx *bolt.Tx){
		"who count": func(tx *bolt.Tx) {
			must(t, tx.Bucket(bucketWhoCounts).Put(whoName("Acme Corp"), counts{5, 0}.value()))
		},
		"who count missing": func(tx *bolt.Tx) { must(t, tx.Bucket(bucketWhoCounts).Delete(whoName("Globex"))) },
		"who count extra": func(tx *bolt.Tx) {
			must(t, tx.Bucket(bucketWhoCounts).Put(whoName("Nobody"), counts{1, 0}.value()))
		},
		"by_who key": func(tx *bolt.Tx) {
			must(t, tx.Bucket(bucketByWho).Delete(whoKey(whoName("Acme Corp"), whoNos, "2026-11-02", 2)))
		},
		"follow-up of a prospect": func(tx *bolt.Tx) {
			must(t, tx.Bucket(bucketByWho).Put(whoKey(whoName("Globex"), whoFollow, "2026-12-24", 3), empty))
		},
		"mode count": func(tx *bolt.Tx) {
			must(t, tx.Bucket(bucketModeCounts).Put([]byte(modeKey("sales")), counts{9, 9}.value()))
		},
		"follow-up day":     func(tx *bolt.Tx) { must(t, tx.Bucket(bucketFollowUpDays).Put([]byte("2026-12-01"), u32(7))) },
		"follow-up counter": func(tx *bolt.Tx) { must(t, tx.Bucket(bucketMeta).Put(keyFollowUps, []byte("12"))) },
	} {
		t.Run(name, func(t *testing.T) {
			s := newStoreNoCheck(t)
			addNo(t, s, journal.No{Who: "Acme Corp", Date: "2026-11-01", Mode: "sales", FollowUp: "2026-12-01"})
			addNo(t, s, journal.No{Who: "acme corp", Date: "2026-11-02", Mode: "sales", Outcome: journal.OutcomeYes})
			addNo(t, s, journal.No{Who: "Globex", Date: "2026-11-03", Mode: "job"})
			raw(t, s.Path(), func(tx *bolt.Tx) error { damage(tx); return nil })
			ps, err := s.Check()
			must(t, err)
			if len(ps) == 0 {
				t.Fatal("Check found nothing")
			}
			must(t, s.Repair())
			mustCheck(t, s)
		})
	}
}
