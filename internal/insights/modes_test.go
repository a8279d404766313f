package insights

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

// TestRealModes checks every rule in the content files: it is well formed,
// and a journal made to match it makes it fire with a clean sentence.
func TestRealModes(t *testing.T) {
	t.Parallel()
	cat, err := coach.Load()
	if err != nil {
		t.Fatalf("loading the modes: %v", err)
	}
	for _, m := range cat.Modes() {
		if err := CheckMode(m); err != nil {
			t.Errorf("%v", err)
		}
		for _, rule := range m.Suggestions {
			var opts []opt
			switch rule.Metric {
			case "reason_share":
				opts = append(opts, reason(rule.Keys[0]))
			case "kind_share":
				opts = append(opts, kind(journal.Kind(rule.Keys[0])))
			case "tag_share":
				opts = append(opts, tags(rule.Keys[0]))
			case "competitor_top":
				opts = append(opts, competitor("Acme", "cheaper"))
			case "guessed_reason":
				opts = append(opts, assumed(m.Reasons[0].ID))
			}
			r := Compute(Input{Period: DefaultPeriod, Today: today, Days: Recompute(repeat(MinForPatterns+2, ago(1, opts...))), Mode: m})
			var found *Suggestion
			for i := range r.Suggestions {
				if r.Suggestions[i].ID == rule.ID {
					found = &r.Suggestions[i]
				}
			}
			if found == nil {
				t.Errorf("mode %s: rule %s does not fire on a journal made of it: %+v", m.ID, rule.ID, r.Suggestions)
				continue
			}
			for _, s := range []string{found.Text, found.Because} {
				if s == "" || strings.Contains(s, "{{") || strings.Contains(s, "<no value>") {
					t.Errorf("mode %s: rule %s renders %q", m.ID, rule.ID, s)
				}
			}
		}
	}
}

// evenly is k No's of each reason of m, each with the reason's own kind.
func evenly(m *coach.Mode, k int) []journal.No {
	var out []journal.No
	for _, r := range m.Reasons {
		out = append(out, repeat(k, ago(1, reason(r.ID), kind(r.Kind)))...)
	}
	return out
}

func loadModes(t testing.TB) []*coach.Mode {
	t.Helper()
	cat, err := coach.Load()
	if err != nil {
		t.Fatalf("loading the modes: %v", err)
	}
	return cat.Modes()
}

// TestEvenReasonsFireNoReasonRule: in every mode, a journal whose reasons
// are spread exactly evenly has no reason that stands out, at any size.
func TestEvenReasonsFireNoReasonRule(t *testing.T) {
	t.Parallel()
	for _, m := range loadModes(t) {
		for _, k := range []int{1, 2, 3, 5, 10, 25, 100} {
			for _, p := range []string{"30d", "all"} {
				r := compute(p, evenly(m, k), m)
				for _, s := range r.Suggestions {
					if rule := ruleOf(m, s.ID); rule.Metric == "reason_share" {
						t.Errorf("mode %s, %d of each reason (%s): %s fired: %s", m.ID, k, p, s.ID, s.Because)
					}
				}
			}
		}
	}
}

// TestEvenKindsFireNoKindRule: the same for kinds spread evenly over the five.
func TestEvenKindsFireNoKindRule(t *testing.T) {
	t.Parallel()
	for _, m := range loadModes(t) {
		for _, k := range []int{2, 10, 100} {
			var nos []journal.No
			for _, kd := range journal.Kinds {
				nos = append(nos, repeat(k, ago(1, kind(kd)))...)
			}
			for _, s := range compute("30d", nos, m).Suggestions {
				if rule := ruleOf(m, s.ID); rule.Metric == "kind_share" {
					t.Errorf("mode %s, %d of each kind: %s fired: %s", m.ID, k, s.ID, s.Because)
				}
			}
		}
	}
}

func ruleOf(m *coach.Mode, id string) coach.Rule {
	for _, r := range m.Suggestions {
		if r.ID == id {
			return r
		}
	}
	return coach.Rule{}
}

// TestClearPatternFires: 40% price in 50 sales No's stands out, and the
// rule says its figure, what chance would give, and the period before.
func TestClearPatternFires(t *testing.T) {
	t.Parallel()
	var sales *coach.Mode
	for _, m := range loadModes(t) {
		if m.ID == "sales" {
			sales = m
		}
	}
	nos := repeat(20, ago(1, reason("price")))
	for _, r := range sales.Reasons {
		if r.ID != "price" && r.ID != "budget" {
			nos = append(nos, repeat(3, ago(1, reason(r.ID)))...)
		}
	}
	// The 30 days before: 12 No's, 2 of them about price.
	nos = join(nos, repeat(2, ago(35, reason("price"))), repeat(10, ago(35, reason("timing"))))
	r := compute("30d", nos, sales)
	var got *Suggestion
	for i := range r.Suggestions {
		if r.Suggestions[i].ID == "price-value" {
			got = &r.Suggestions[i]
		}
	}
	want := "price or budget in 20 of 50 No's (40%) — 17% if reasons were spread evenly; 17% the 30 days before"
	if got == nil || got.Because != want {
		t.Fatalf("price-value: %+v, want because %q", got, want)
	}
}

// TestRandomEvenReasonsRarelyFire is the noise case: 200 No's with reasons
// picked uniformly at random fire a reason rule in about 1% of journals at
// most, in every mode (before, "simplify", "fit" and "easier" fired on
// most of them).
func TestRandomEvenReasonsRarelyFire(t *testing.T) {
	t.Parallel()
	seeds := 400
	if testing.Short() {
		seeds = 100
	}
	for _, m := range loadModes(t) {
		fired := 0
		for seed := range seeds {
			rng := rand.New(rand.NewPCG(uint64(seed), 15))
			nos := make([]journal.No, 200)
			for i := range nos {
				r := m.Reasons[rng.IntN(len(m.Reasons))]
				nos[i] = ago(rng.IntN(30), reason(r.ID), kind(r.Kind))
			}
			for _, s := range compute("30d", nos, m).Suggestions {
				if ruleOf(m, s.ID).Metric == "reason_share" {
					fired++
					break
				}
			}
		}
		if rate := float64(fired) / float64(seeds); rate > 0.015 {
			t.Errorf("mode %s: a reason rule fired on noise in %d of %d journals (%.1f%%)", m.ID, fired, seeds, rate*100)
		}
	}
}
