package tui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Before the call: from the follow-ups, p opens the prep card of the
// selected prospect; c marks their condition met and the opening line
// follows; w opens their history and p there the card again; esc walks
// back.
func TestFlowPrepCard(t *testing.T) {
	ctx, db := tuitest.Context(t)
	ctx.Settings.Welcomed = true
	today := journal.Today(tuitest.Now)
	acme := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: today.AddDays(-10), FollowUp: today, Reason: "timing",
		Kind: journal.KindNotNow, Said: "Call me after the migration", Change: "Once the migration is done", Next: "Send the ROI sheet"})
	tuitest.Add(t, db, journal.No{Who: "Globex", Date: today.AddDays(-20), Reason: "budget", Kind: journal.KindNotNow, Lesson: "Ask who signs the budget"})

	tm, wait := startFlow(t, ctx, db, common.Navigate{To: common.ScreenFollowUps})
	wait("› Acme Corp")
	tm.Send(tuitest.Key("p"))
	wait("Prep · Acme Corp")
	wait("“Once the migration is done” · not met yet · c marks it")
	wait("Ask who signs the budget")
	tm.Send(tuitest.Key("c"))
	wait("Marked “Once the migration is done” as met.")
	wait("That's in place now")
	tm.Send(tuitest.Key("w"))
	wait("History · Acme Corp")
	wait("Once the migration is done (met)")
	tm.Send(tuitest.Key("enter"))
	wait("r reframe")
	wait("Once the migration is done (met)")
	tm.Send(tuitest.Key("esc"))
	wait("History · Acme Corp")
	tm.Send(tuitest.Key("p"))
	wait("Prep · Acme Corp")
	tm.Send(tuitest.Key("esc"))
	wait("History · Acme Corp")
	tm.Send(tuitest.Key("esc"))
	tm.Send(tuitest.Key("esc"))
	wait("Follow-ups")
	tm.Send(tuitest.Key("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))

	if n, err := db.GetNo(acme.ID); err != nil || !n.ConditionMet {
		t.Fatalf("after the flow: condition met %v (%v)", n.ConditionMet, err)
	}
}
