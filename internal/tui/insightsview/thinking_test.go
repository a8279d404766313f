package insightsview_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// TestThinkingSectionsAtEightyByTwentyFour: in school mode the screen
// scrolls down to the thinking traps (against the 30 days before), the
// kinds of mistake in the mode's words, how they prepared and the
// intentions kept, every line within 80 columns.
func TestThinkingSectionsAtEightyByTwentyFour(t *testing.T) {
	ctx, db := tuitest.Context(t)
	ctx.Settings.Mode = "school"
	no := func(daysAgo int, n journal.No) {
		n.Mode, n.Who, n.Date = "school", "Ms Rivera", today.AddDays(-daysAgo)
		n.Reason, n.Change, n.Lesson = "content", "practise past papers", "start a week earlier"
		tuitest.Add(t, db, n)
	}
	for i := range 12 {
		n := journal.No{Mistake: []string{"careless", "careless", "time"}[i%3], Prepared: "Reread my notes"}
		if i < 4 {
			n.Thought, n.Traps = "I'll fail the final too", []string{"fortune-telling"}
		}
		no(i, n)
	}
	for i := range 6 {
		no(35+i, journal.No{Thought: "I'll fail", Traps: []string{"fortune-telling"}})
	}
	if _, err := db.SaveReflection(journal.Reflection{Date: today.AddDays(-1), Intention: "Redo exercise 4", IntentionKept: journal.KeptPartly}); err != nil {
		t.Fatal(err)
	}
	s := open(t, ctx, db, 80, 24)
	var seen []string
	for range 12 {
		v := tuitest.View(s)
		for _, l := range strings.Split(v, "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("line %d wide: %q", w, l)
			}
		}
		if n := len(strings.Split(v, "\n")); n > 24 {
			t.Errorf("view of %d lines at 80×24", n)
		}
		seen = append(seen, v)
		s, _ = tuitest.Send(s, tuitest.Key("pgdown"))
	}
	all := strings.Join(strings.Fields(ansi.Strip(strings.Join(seen, "\n"))), " ")
	for _, want := range []string{
		"Thinking traps", "Thought record on 4 of 12 reframes.", "Fortune telling in 4 of 12 reframes, down from 6.",
		"Kinds of mistake", "Careless", "How you prepared: said on 12 No's; most often “reread my notes” 12.",
		"Intentions", "Of 1 intention you looked back on: done 0 · partly 1 · not yet 0.",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the screen never shows %q:\n%s", want, strings.Join(seen, "\n----\n"))
		}
	}
	// School has no stages and these No's no referral: no empty sections.
	for _, not := range []string{"Stages", "Referrals", "Decision drivers"} {
		if strings.Contains(all, not) {
			t.Errorf("an empty %q section is shown", not)
		}
	}
}
