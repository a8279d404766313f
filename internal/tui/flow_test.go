package tui

import (
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func startFlow(t *testing.T, ctx *common.Context, db *store.Store, start common.Navigate) (*teatest.TestModel, func(string)) {
	t.Helper()
	return tuitest.Flow(t, New(ctx, db, start), 100, 30)
}

func TestFlowLogANoThroughTheForm(t *testing.T) {
	ctx, db := tuitest.Context(t)
	tm, wait := startFlow(t, ctx, db, common.Navigate{To: common.ScreenHome})
	wait("No No's yet")
	tm.Send(tuitest.Key("n"))
	wait("┃ Who said no?")
	tm.Send(tuitest.Key("enter")) // empty who is refused, the form stays
	wait("a name is enough")
	tm.Type("Acme Corp")
	tm.Send(tuitest.Key("enter"))
	wait("┃ Your contact there") // optional: enter skips it
	tm.Send(tuitest.Key("enter"))
	wait("┃ What did they say")
	tm.Type("We're worried about hidden fees.")
	tm.Send(tuitest.Key("tab"))
	wait("┃ Why, as far as you know?")
	for range 7 { // (decide later), price, budget, timing, no-need, waiting, competitor, hidden-fees
		tm.Send(tuitest.Key("down"))
	}
	tm.Send(tuitest.Key("enter"))
	wait("┃ Is that what they told you")
	tm.Send(tuitest.Key("down")) // they told me
	wait("> They told me")
	tm.Send(tuitest.Key("enter"))
	// Sales asks what else weighed (the reason above left out) and the stage.
	wait("┃ What else weighed in their decision?")
	tm.Send(tuitest.Key("down")) // price, budget
	tm.Send(tuitest.Key("x"))
	wait("✓ No budget")
	tm.Send(tuitest.Key("enter"))
	wait("┃ At what stage was the deal lost?")
	tm.Send(tuitest.Key("down"))
	tm.Send(tuitest.Key("down"))
	wait("> Demo")
	tm.Send(tuitest.Key("enter"))
	wait("┃ What would need to change")
	tm.Type("A line-item quote")
	tm.Send(tuitest.Key("enter"))
	wait("┃ Follow up on")
	tm.Type("someday-ish")
	tm.Send(tuitest.Key("enter"))
	wait("can't read the date")
	for range len("someday-ish") {
		tm.Send(tuitest.Key("backspace"))
	}
	tm.Type("in 2 weeks")
	tm.Send(tuitest.Key("enter"))
	wait("Saved No #1")
	wait("1 No today")
	tm.Send(tuitest.Key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))

	nos, _, err := db.ListNos(store.Query{})
	if err != nil || len(nos) != 1 {
		t.Fatalf("stored %d No's, %v", len(nos), err)
	}
	n := nos[0]
	if n.Who != "Acme Corp" || n.Said != "We're worried about hidden fees." || n.Reason != "hidden-fees" ||
		n.Change != "A line-item quote" || n.FollowUp != "2026-12-07" || n.Outcome != "open" || n.Mode != "sales" ||
		n.Stage != "demo" || !slices.Equal(n.SecondaryReasons, []string{"budget"}) {
		t.Fatalf("stored %+v", n)
	}
}

func TestFlowEscAsksBeforeDiscarding(t *testing.T) {
	ctx, db := tuitest.Context(t)
	tm, wait := startFlow(t, ctx, db, common.Navigate{To: common.ScreenHome})
	wait("No No's yet")
	tm.Send(tuitest.Key("n"))
	wait("┃ Who said no?")
	tm.Type("Half typed")
	tm.Send(tuitest.Key("esc"))
	wait("Discard what you typed?")
	tm.Send(tuitest.Key("n")) // keep editing: the text is still there
	wait("Half typed")
	tm.Send(tuitest.Key("esc"))
	wait("Discard what you typed?")
	tm.Send(tuitest.Key("y"))
	wait("No No's yet")
	tm.Send(tuitest.Key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))
}
