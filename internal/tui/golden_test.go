package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// The screens whose layout matters most, frozen at 80×24 with colour off:
// a change to what they show is a diff to review, not a surprise. After an
// intended change: go test ./internal/tui -run TestGolden -update
func TestGolden(t *testing.T) {
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	reasons := []string{"price", "budget", "timing", "price", "competitor", "no-need", "price", "trust"}
	kinds := []journal.Kind{journal.KindNotNow, journal.KindNotThis, journal.KindNotNow, journal.KindNotUnderstood, journal.KindNotYou}
	for i := range 24 {
		n := journal.No{
			Who: fmt.Sprintf("Company %02d", i), Date: today.AddDays(-i * 3), Said: "We're not ready yet.",
			Reason: reasons[i%len(reasons)], Kind: kinds[i%len(kinds)], Feeling: 1 + i%5,
		}
		if i%2 == 0 {
			n.Change, n.Lesson = "A smaller first order", "Lead with the pilot"
		}
		if i%4 == 1 {
			n.FollowUp = today.AddDays(i%7 - 2)
		}
		if i%6 == 0 {
			n.Outcome = journal.OutcomeMaybe
		}
		tuitest.Add(t, db, n)
	}
	for i := range 10 {
		if _, err := db.SaveReflection(journal.Reflection{Date: today.AddDays(-i), Mood: 3, Win: "Kept going", CompletedAt: tuitest.Now}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		to   common.ScreenID
	}{{"home", common.ScreenHome}, {"insights", common.ScreenInsights}, {"streak", common.ScreenStreak}} {
		t.Run(c.name, func(t *testing.T) {
			m := New(ctx, db, common.Navigate{To: c.to})
			run(m, m.Init())
			m.Update(teaSize(80, 24))
			run(m, nil)
			golden.RequireEqual(t, ansi.Strip(m.render()))
		})
	}
}
