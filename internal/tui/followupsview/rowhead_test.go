package followupsview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// At 80 columns (a body of 78) a row's first line keeps the name and
// when it is due whole: the No's age shortens ("No 42d ago") and the due
// date goes before anything is cut; a name too long to share the line
// gets one of its own. At 120 the whole line shows. The outcome is words
// ("following up"), as in the outcome picker.
func TestRowsKeepNameAndLatenessAt80And120(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	long := "Regional Hospital Purchasing Department of the Northern Territories"
	tuitest.Add(t, db, journal.No{Who: "Bluth Company", Date: today.AddDays(-42), FollowUp: today.AddDays(-30),
		Outcome: journal.OutcomeFollowingUp, Said: "No budget left."})
	tuitest.Add(t, db, journal.No{Who: long, Date: today.AddDays(-42), FollowUp: today.AddDays(5),
		Outcome: journal.OutcomeMaybe, Said: "Ask again in spring."})

	for _, tc := range []struct {
		w    int
		want []string
	}{
		{78, []string{"Bluth Company", "30 days late · No 42d ago · following up",
			long, "Sat 2026-11-28 · in 5 days · No 42 days ago · maybe"}},
		{118, []string{"Bluth Company", "30 days late · was due Sat 2026-10-24 · No 42 days ago · following up",
			long + "  Sat 2026-11-28 · in 5 days · No 42d ago · maybe"}},
	} {
		s := open(t, ctx, db, tc.w, 22)
		v := tuitest.View(s)
		for _, want := range tc.want {
			if !strings.Contains(v, want) {
				t.Errorf("%d columns: no %q in\n%s", tc.w, want, v)
			}
		}
		for _, line := range strings.Split(v, "\n") {
			if ansi.StringWidth(line) > tc.w {
				t.Errorf("%d columns: line of %d: %q", tc.w, ansi.StringWidth(line), line)
			}
			// The head lines (the name's and what follows it) are whole.
			if (strings.Contains(line, "late") || strings.Contains(line, "in 5 days") || strings.Contains(line, "Regional")) &&
				strings.Contains(line, "…") {
				t.Errorf("%d columns: cut: %q", tc.w, line)
			}
		}
		// The outcome picker says it in words too.
		s, _ = send(t, s, "o")
		if v := tuitest.View(s); !strings.Contains(v, "following up") || strings.Contains(v, "following-up") {
			t.Errorf("%d columns: outcome picker:\n%s", tc.w, v)
		}
	}
}
