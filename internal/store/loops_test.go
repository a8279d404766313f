package store

import (
	"maps"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestLoopsReadsReferralsAndIntentions: a yes through a referral is a
// win that names a referral_from, counted on the win's date in the win's
// mode, each referral once however many wins name it (a deleted No's
// win still counts: the yes happened); intentions kept are counted from
// the period's reflections. The fast readers agree with a full decode.
func TestLoopsReadsReferralsAndIntentions(t *testing.T) {
	s := newStore(t)
	no := func(mode string) uint64 {
		return addNo(t, s, journal.No{Date: "2026-09-01", Who: "Acme", Mode: mode, Referral: "Dana"}).ID
	}
	a, b, c, job, gone := no("sales"), no("sales"), no("sales"), no("job"), no("sales")
	must(t, s.DeleteNo(gone))
	for _, w := range []journal.Win{
		{Date: "2026-11-10", Mode: "sales", ReferralFrom: a},
		{Date: "2026-11-12", Mode: "sales", ReferralFrom: b}, {Date: "2026-11-14", Mode: "sales", ReferralFrom: b},
		{Date: "2026-10-01", Mode: "sales", ReferralFrom: c},
		{Date: "2026-11-11", Mode: "job", ReferralFrom: job},
		{Date: "2026-11-13", Mode: "sales", ReferralFrom: gone},
		{Date: "2026-11-13", Mode: "sales", Who: `said "referral_from":9, "mode":"job"`},
		{Date: "2026-11-13", Who: "no mode", ReferralFrom: 77},
	} {
		if w.Who == "" {
			w.Who = "Dana's team"
		}
		must(t, s.AddWin(&w, t0))
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
		{"sales", "2026-11-01", "2026-11-30", 3, map[journal.IntentionKept]int{"yes": 2, "partly": 1, "not-yet": 1}},
		{"job", "2026-11-01", "2026-11-30", 1, map[journal.IntentionKept]int{"yes": 2, "partly": 1, "not-yet": 1}},
		{"", "", "2026-11-30", 6, map[journal.IntentionKept]int{"yes": 3, "partly": 1, "not-yet": 1}},
		{"sales", "2026-11-11", "2026-11-15", 2, map[journal.IntentionKept]int{"yes": 2}},
	} {
		yes, kept, err := s.Loops(string(tc.mode), tc.from, tc.to)
		must(t, err)
		if yes != tc.yes || !maps.Equal(kept, tc.kept) {
			t.Errorf("Loops(%q, %s, %s) = %d, %v; want %d, %v", tc.mode, tc.from, tc.to, yes, kept, tc.yes, tc.kept)
		}
	}

	// The fast readers, against encode.
	for _, w := range []journal.Win{{Who: "a", ReferralFrom: 1234567}, {Who: `"referral_from":9`}} {
		v, err := encode(&w)
		must(t, err)
		if got := referralFrom(v); got != int64(w.ReferralFrom) {
			t.Errorf("referralFrom(%s) = %d, want %d", v, got, w.ReferralFrom)
		}
	}
	v, err := encode(&journal.Win{Date: "2026-11-13", Who: `x "mode":"job"`, Mode: "sa\"les"})
	must(t, err)
	if m, ok := stringFieldOK(v, modeField); ok || m != "" {
		t.Errorf("an escaped mode read without decoding: %q %v (%s)", m, ok, v)
	}
	if d := stringField(v, dateField); d != "2026-11-13" {
		t.Errorf("date %q", d)
	}
}
