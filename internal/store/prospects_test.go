package store

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestNosByWhoMatchesCaseInsensitively(t *testing.T) {
	t.Parallel()
	s, err := Open(filepath.Join(t.TempDir(), "rebound.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	long := strings.Repeat("Very Long Name ", 40)
	for i, who := range []string{"Acme Corp", "ACME  CORP", " acme corp ", "Acme Corporation", "Acme", "Globex", "X", "🦊", long, "O'Brien & \"Sons\"", "Plan B"} {
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
		{"o'brien & \"sons\"", []uint64{10}},
		{"plan b", []uint64{11}},
		{"Initech", nil},
	}
	for _, tc := range tests {
		nos, err := s.NosByWho(tc.name)
		if err != nil {
			t.Fatalf("%q: %v", tc.name, err)
		}
		var ids []uint64
		for _, n := range nos {
			ids = append(ids, n.ID)
		}
		if len(ids) != len(tc.ids) {
			t.Errorf("NosByWho(%q) = %v, want %v", tc.name, ids, tc.ids)
			continue
		}
		for i := range ids {
			if ids[i] != tc.ids[i] {
				t.Errorf("NosByWho(%q) = %v, want %v", tc.name, ids, tc.ids)
				break
			}
		}
	}
	if _, err := s.NosByWho("  "); err == nil || !journal.IsValidation(err) {
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
}
