package tui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Start an experiment from insights (x): the form refuses an empty name
// and no reason, stores it, insights lists it with its counts, and home
// shows it in one line.
func TestFlowStartAnExperimentFromInsights(t *testing.T) {
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	mode := ctx.Mode().ID
	for i := range 12 {
		tuitest.Add(t, db, journal.No{Who: "Acme", Date: today.AddDays(-i), Mode: mode, Reason: "price", Change: "x", Lesson: "y"})
	}
	tm, wait := startFlow(t, ctx, db, common.Navigate{To: common.ScreenHome})
	wait("this week")
	tm.Send(tuitest.Key("i"))
	wait("Reasons")
	tm.Send(tuitest.Key("x"))
	wait("┃ What do you change?")
	tm.Send(tuitest.Key("enter"))
	wait("name the change")
	tm.Type("Lead with ROI")
	tm.Send(tuitest.Key("enter"))
	wait("┃ Which reasons should it make rarer?")
	tm.Send(tuitest.Key("enter")) // none ticked: refused when saved
	wait("┃ From when?")
	tm.Send(tuitest.Key("enter"))
	wait("tick at least one reason")
	wait("┃ What do you change?") // the form again, with what was typed
	tm.Send(tuitest.Key("enter"))
	wait("┃ Which reasons should it make rarer?")
	tm.Send(tuitest.Key("space")) // the first reason: price
	tm.Send(tuitest.Key("enter"))
	wait("┃ From when?")
	tm.Send(tuitest.Key("enter")) // today
	wait("Started experiment #1 “Lead with ROI”")
	wait("Experiments")
	wait("#1 Lead with ROI — watching price")
	wait("too early to tell")
	tm.Send(tuitest.Key("esc"))
	wait("Experiment — “Lead with ROI” · day 1 · too early: 1 No before, 1 since (10 each)")
	tm.Send(tuitest.Key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))

	got, err := db.Experiments(mode)
	if err != nil || len(got) != 1 || got[0].Name != "Lead with ROI" || got[0].Start != today || len(got[0].Watch) != 1 || got[0].Watch[0] != "price" {
		t.Fatalf("stored: %+v %v", got, err)
	}
}
