package journalview

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// The filter reads reason:price, kind:, tag:, who:, outcome: as the
// journal command's flags, alone or with words, as it is typed.
func TestFilterByField(t *testing.T) {
	t.Parallel()
	m, _ := seeded(t, 12, 100, 30, func(i int, n *journal.No) {
		n.Who = []string{"Acme Corp", "Globex", "Initech"}[i%3]
		n.Reason = []string{"price", "timing"}[i%2]
		n.Kind = []journal.Kind{"not-now", "final"}[i%4/2]
		if i%3 == 0 {
			n.Tags = []string{"q4"}
		}
	})
	rows := func(filter string) []string {
		t.Helper()
		m.filter.SetValue(filter)
		s, _ := tuitest.Run(m, m.read(loadTop))
		var out []string
		for _, r := range s.(*Model).rows {
			out = append(out, r.Who+" "+r.Reason)
		}
		return out
	}
	want := func(keep func(i int) bool) []string {
		var out []string
		for i := 11; i >= 0; i-- {
			if keep(i) {
				out = append(out, fmt.Sprintf("%s %s", []string{"Acme Corp", "Globex", "Initech"}[i%3], []string{"price", "timing"}[i%2]))
			}
		}
		return out
	}
	for _, c := range []struct {
		filter string
		keep   func(int) bool
	}{
		{"reason:price", func(i int) bool { return i%2 == 0 }},
		{"Reason:PRICE globex", func(i int) bool { return i%2 == 0 && i%3 == 1 }},
		{"kind:final", func(i int) bool { return i%4/2 == 1 }},
		{`kind:"not now"`, func(i int) bool { return i%4/2 == 0 }},
		{"kind:not-now", func(i int) bool { return i%4/2 == 0 }},
		{"tag:q4 reason:timing", func(i int) bool { return i%3 == 0 && i%2 == 1 }},
		{`who:"acme corp"`, func(i int) bool { return i%3 == 0 }},
		{"who:init kind:final", func(i int) bool { return i%3 == 2 && i%4/2 == 1 }},
		{"reason:", func(int) bool { return true }}, // typed so far: no filter yet
	} {
		if got, w := rows(c.filter), want(c.keep); !slices.Equal(got, w) {
			t.Errorf("filter %q: %v, want %v", c.filter, got, w)
		}
	}
	rows("reason:price")
	if v := tuitest.View(m); !strings.Contains(v, "of 6") {
		t.Errorf("the count of reason:price:\n%s", v)
	}
	if got := rows("reason:nothing-like-it"); len(got) != 0 {
		t.Errorf("an unknown reason listed %v", got)
	}
}
