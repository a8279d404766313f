package store

import (
	"encoding/binary"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// A by_follow_up value holds the No's mode (schema 7), so a page of
// follow-ups with their odds reads no list row; a schema 6 value (v1, no
// mode) still reads, its mode left for the caller to find.
func TestFollowUpValueHoldsTheMode(t *testing.T) {
	n := journal.No{ID: 7, Date: "2026-11-02", Who: "Acme", Kind: "not-now", Outcome: "open", Next: "Call", Change: "Budget",
		FollowUp: "2026-12-01", Mode: "job"}
	k := dayIDKey(n.FollowUp, n.ID)
	r, ok := followUpRow(k, followUpValue(&n))
	if !ok || r.Mode != "job" || r.Who != "Acme" || r.Change != "Budget" || r.Kind != "not-now" || r.Due != "2026-12-01" {
		t.Fatalf("v2: %+v, %v", r, ok)
	}
	v1 := []byte{followUpV1}
	for _, f := range []string{"open", "not-now", "2026-11-02", "Acme", "Call", "Budget"} {
		v1 = append(binary.AppendUvarint(v1, uint64(len(f))), f...)
	}
	r, ok = followUpRow(k, v1)
	if !ok || r.Mode != "" || r.Who != "Acme" || r.Change != "Budget" {
		t.Fatalf("v1: %+v, %v", r, ok)
	}
	// And the page of follow-ups gives the mode either way.
	s := newStore(t)
	must(t, s.AddNo(&n, t0))
	rows, _, err := s.FollowUpRowsPage("2026-12-31", nil, 10)
	must(t, err)
	if len(rows) != 1 || rows[0].Mode != "job" {
		t.Errorf("rows %+v", rows)
	}
}
