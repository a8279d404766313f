package tui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// The morning flow: home shows what is due, f opens the follow-ups, x marks
// one done and the next check-in is offered and set; o sets a yes and the
// yes is celebrated; b opens the debrief kit and c copies the e-mail.
func TestFlowFollowUps(t *testing.T) {
	ctx, db := tuitest.Context(t)
	ctx.Settings.Welcomed = true
	today := journal.Today(tuitest.Now)
	acme := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Date: today.AddDays(-10), FollowUp: today.AddDays(-1), Change: "A line-item quote"})
	tuitest.Add(t, db, journal.No{Who: "Initech", Date: today.AddDays(-23), FollowUp: today})

	tm, wait := startFlow(t, ctx, db, common.Navigate{To: common.ScreenHome})
	wait("1 follow-up due today")
	wait("1 overdue")
	tm.Send(tuitest.Key("f"))
	wait("1 overdue · 1 today")
	wait("› Acme Corp")
	tm.Send(tuitest.Key("x"))
	wait("Next check-in with Acme Corp on Wed 2026-12-23? y sets it")
	tm.Send(tuitest.Key("y"))
	wait("Next check-in with Acme Corp: Wed 2026-12-23.")
	wait("› Initech")
	tm.Send(tuitest.Key("o"))
	wait("Where does Initech stand now?")
	tm.Send(tuitest.Key("4"))
	wait("That No turned around after 23 days.")
	tm.Send(tuitest.Key("esc"))
	wait("0 follow-ups due today")
	tm.Send(tuitest.Key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))

	n, err := db.GetNo(acme.ID)
	if err != nil || n.FollowUp != "2026-12-23" || n.FollowUpDone || n.Outcome != journal.OutcomeFollowingUp {
		t.Fatalf("Acme after the flow: %+v %v", n, err)
	}
}
