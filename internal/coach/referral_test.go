package coach

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestReferralAskFollowsTheKind: the referral ask is data, per kind of no:
// every kind of every mode allows it except a final no in personal mode,
// and a No of no kind yet is asked only where every kind allows it.
func TestReferralAskFollowsTheKind(t *testing.T) {
	for _, m := range catalog(t).Modes() {
		for _, k := range journal.Kinds {
			want := !(m.ID == "personal" && k == journal.KindFinal)
			if got := m.AsksReferral(k); got != want {
				t.Errorf("%s %s: AsksReferral = %v, want %v", m.ID, k, got, want)
			}
		}
		if got, want := m.AsksReferral(""), m.ID != "personal"; got != want {
			t.Errorf("%s, kind not known yet: AsksReferral = %v, want %v", m.ID, got, want)
		}
		if m.Questions.Referral == "" || m.Questions.ReferralWho == "" {
			t.Errorf("%s: the referral ask needs its question and who it was", m.ID)
		}
	}
}

// TestLoadRefusesAKindWithoutReferral: a kind must say whether the ask fits.
func TestLoadRefusesAKindWithoutReferral(t *testing.T) {
	_, err := LoadFS(brokenFS(t, "modes/sales.json", func(m map[string]any) {
		delete(m["kinds"].([]any)[4].(map[string]any), "referral")
	}))
	if err == nil || !strings.Contains(err.Error(), `kind "final": referral must be true or false`) {
		t.Fatalf("LoadFS = %v, want the final kind's missing referral named", err)
	}
}
