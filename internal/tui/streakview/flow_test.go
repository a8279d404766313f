package streakview_test

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/tui"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// TestFlowStreakAndInsightsFromHome walks home → s (streak) → t (rest day)
// → esc → i (insights) → 1 (7 days) in the real root at 80×24.
func TestFlowStreakAndInsightsFromHome(t *testing.T) {
	ctx, db := tuitest.Context(t)
	ctx.Settings.Welcomed = true
	reflect(t, ctx, db, "2026-11-22")
	tm, wait := tuitest.Flow(t, tui.New(ctx, db, common.Navigate{To: common.ScreenHome}), 80, 24)
	wait("No No's yet")
	tm.Send(tuitest.Key("s"))
	wait("1-day streak, started 2026-11-22")
	wait("at risk")
	wait("today ↑")
	tm.Send(tuitest.Key("t"))
	wait("Today is a rest day")
	wait("the streak waits")
	tm.Send(tuitest.Key("esc"))
	wait("No No's yet")
	tm.Send(tuitest.Key("i"))
	wait("Insights · last 30 days")
	tm.Send(tuitest.Key("1"))
	wait("Insights · last 7 days")
	tm.Send(tuitest.Key("q"))
	tm.Send(tuitest.Key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))

	if rest, _ := db.RestDays(); !rest[today] {
		t.Fatalf("rest day not stored: %v", rest)
	}
}
