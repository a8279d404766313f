package insights

import (
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
			case "no_reason_text":
				opts = append(opts, reasonText(""))
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
