package whoview

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// At 80 columns the header keeps the whole summary ("… · latest: maybe"),
// wrapping under the name when both do not fit on one line; it was cut to
// "lates…".
func TestHeaderIsWholeAt80Columns(t *testing.T) {
	ctx, db := tuitest.Context(t)
	const who = "Cyberdyne Systems Corporation"
	for i := range 4 {
		tuitest.Add(t, db, journal.No{Who: who, Date: journal.Today(tuitest.Now).AddDays(-10 * i), Outcome: journal.OutcomeYes})
	}
	tuitest.Add(t, db, journal.No{Who: who, Outcome: journal.OutcomeMaybe})
	var s common.Screen = New(ctx, db, who)
	s.SetSize(78, 22) // 80 columns less the app's padding
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	head := strings.Join(strings.Fields(strings.Join(strings.Split(v, "\n")[:3], " ")), " ")
	for _, want := range []string{who, "5 No's · 4 turned into a yes · latest: maybe"} {
		if !strings.Contains(head, want) {
			t.Errorf("the header lacks %q:\n%s", want, v)
		}
	}
	for i, l := range strings.Split(v, "\n")[:2] {
		if strings.Contains(l, "…") {
			t.Errorf("header line %d is cut: %q", i+1, l)
		}
	}
}
