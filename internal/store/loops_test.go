package store

import (
	"maps"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestLoopsReadsReferralsAndIntentions: a referral became a yes when a
// win names its No (once however many wins, only the mode's No's dated
// in the period, none for a deleted No); intentions kept are counted from
// the period's reflections. The fast readers agree with a full decode.
func TestLoopsReadsReferralsAndIntentions(t *testing.T) {
	s := newStore(t)
	no := func(day journal.Day, mode string) uint64 {
		return addNo(t, s, journal.No{Date: day, Who: "Acme", Said: `she said "mode":"job"`, Mode: mode, Referral: "Dana"}).ID
	}
	inPeriod, twice, old := no("2026-11-10", "sales"), no("2026-11-12", "sales"), no("2026-09-01", "sales")
	job, gone := no("2026-11-11", "job"), no("2026-11-13", "sales")
	must(t, s.DeleteNo(gone))
	for _, from := range []uint64{inPeriod, twice, twice, old, job, gone, 0} {
		must(t, s.AddWin(&journal.Win{Date: "2026-11-20", Who: "Dana's team", ReferralFrom: from}, t0))
	}
	for day, kept := range map[journal.Day]journal.IntentionKept{"2026-11-14": journal.KeptYes, "2026-11-15": journal.KeptYes,
		"2026-11-16": journal.KeptPartly, "2026-11-17": journal.KeptNotYet, "2026-11-18": "", "2026-08-01": journal.KeptYes} {
		_, err := s.SaveReflection(journal.Reflection{Date: day, Intention: "Call two prospects", IntentionKept: kept})
		must(t, err)
	}
	for _, tc := range []struct {
		mode, from, to journal.Day
		yes            int
		kept           map[journal.IntentionKept]int
	}{
		{"sales", "2026-11-01", "2026-11-30", 2, map[journal.IntentionKept]int{"yes": 2, "partly": 1, "not-yet": 1}},
		{"job", "2026-11-01", "2026-11-30", 1, map[journal.IntentionKept]int{"yes": 2, "partly": 1, "not-yet": 1}},
		{"", "", "2026-11-30", 4, map[journal.IntentionKept]int{"yes": 3, "partly": 1, "not-yet": 1}},
		{"sales", "2026-11-11", "2026-11-15", 1, map[journal.IntentionKept]int{"yes": 2}},
	} {
		yes, kept, err := s.Loops(string(tc.mode), tc.from, tc.to)
		must(t, err)
		if yes != tc.yes || !maps.Equal(kept, tc.kept) {
			t.Errorf("Loops(%q, %s, %s) = %d, %v; want %d, %v", tc.mode, tc.from, tc.to, yes, kept, tc.yes, tc.kept)
		}
	}

	// The fast readers, against encode and a full decode.
	for _, n := range []journal.No{{Date: "2026-11-10", Mode: "job", Who: `"mode":"x"`}, {Date: "2026-11-10", Who: "no mode"}} {
		v, err := encodeNo(&n)
		must(t, err)
		day, mode, ok := noDayMode(v)
		if !ok || day != n.Date || mode != n.Mode {
			t.Errorf("noDayMode(%+v) = %s %q %v", n, day, mode, ok)
		}
	}
	if _, _, ok := noDayMode([]byte{valueV1, '{'}); ok {
		t.Error("noDayMode reads a value it does not know")
	}
	for _, w := range []journal.Win{{Who: "a", ReferralFrom: 1234567}, {Who: `"referral_from":9`}} {
		v, err := encode(&w)
		must(t, err)
		if got := referralFrom(v); got != int64(w.ReferralFrom) {
			t.Errorf("referralFrom(%s) = %d, want %d", v, got, w.ReferralFrom)
		}
	}
}
