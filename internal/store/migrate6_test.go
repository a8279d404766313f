package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// A journal written by the schema 5 build (testdata/schema5.db, made by
// TestWriteFixture before schema 6) is upgraded: every record survives,
// and the prospect index, who_counts, mode_counts and the follow-up
// counters are made from its No's and agree with them.
func TestMigrationFromSchema5(t *testing.T) {
	path := copyFixture(t, "schema5.db")
	var want journal.Export
	data, err := os.ReadFile(filepath.Join("testdata", "schema5.json"))
	must(t, err)
	must(t, json.Unmarshal(data, &want))
	// Schema 5 had no experiments or reviews: an export lists none as [].
	want.Experiments, want.Reviews = []journal.Experiment{}, []journal.Review{}

	s, err := Open(path)
	must(t, err)
	if ns := s.Notices(); len(ns) != 1 || !strings.Contains(ns[0], "from schema 5 to") {
		t.Errorf("notices %q", ns)
	}
	mustCheck(t, s)
	got, err := s.Export(want.ExportedAt)
	must(t, err)
	equal(t, "export", got, want)
	verifyQueries(t, s, want)

	for _, name := range []string{"acme corp", "GLOBEX", "Wayne Enterprises", "café zoë", "Nobody"} {
		ids, yes, latest, fu := wantProspect(want.Nos, name)
		p, err := s.Prospect(name, 10, nil)
		must(t, err)
		var gotFU uint64
		if p.OpenFollowUp != nil {
			gotFU = p.OpenFollowUp.ID
		}
		if p.Total != len(ids) || p.Yes != yes || p.Latest != latest || gotFU != fu || len(p.Nos) != len(ids) {
			t.Errorf("%q after the upgrade: %+v; want %d No's, %d yes, latest %q, follow-up %d", name, p, len(ids), yes, latest, fu)
		}
	}
	for mode, wantNos := range map[string]int{"sales": 8, "job": 2, "freelance": 1, "": 12} {
		if nos, _, err := s.ModeCounts(mode); err != nil || nos != wantNos {
			t.Errorf("ModeCounts(%q) = %d, %v; want %d", mode, nos, err, wantNos)
		}
	}
	h, err := s.Home("2026-06-01")
	must(t, err)
	if h.FollowUpsOverdue != 1 || h.FollowUpsDue != 0 { // Wayne's 2026-05-28; Acme's and Pied Piper's ahead
		t.Errorf("home after the upgrade: %d overdue, %d due", h.FollowUpsOverdue, h.FollowUpsDue)
	}
}
