package dates

import (
	"testing"

	"github.com/olebedev/when/rules"
	"github.com/olebedev/when/rules/common"
	"github.com/olebedev/when/rules/en"

	"github.com/rebound-coach/rebound/internal/dates/whenen"
)

// TestWhenenIsWhensRules: the copied rules are when's English and common
// rules, in the same order, with the same expressions.
func TestWhenenIsWhensRules(t *testing.T) {
	want := append(append([]rules.Rule{}, en.All...), common.All...)
	got := whenen.All()
	if len(got) != len(want) {
		t.Fatalf("%d rules, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i].(*rules.F), want[i].(*rules.F)
		if g.RegExp.String() != w.RegExp.String() {
			t.Errorf("rule %d: %s, want %s", i, g.RegExp, w.RegExp)
		}
	}
}
