package reflectview

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func TestFlowWholeReflectionSkippingTheBreathing(t *testing.T) {
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	tuitest.Add(t, db, journal.No{Who: "Acme Corp", Reason: "price"})

	h := tuitest.Screen(New(ctx, db))
	tm, wait := tuitest.Flow(t, h, 80, 24)

	wait("You logged 1 No today.")
	wait("┃ How are you feeling right now?")
	tm.Send(tuitest.Key("up")) // 3 → 2
	tm.Send(tuitest.Key("enter"))
	wait("step 2 of 5")
	tm.Type("Less than I expected.")
	wait("Less than I expected.")
	tm.Send(tuitest.Key("enter"))
	wait("Pick a bounce-back ritual")
	tm.Send(tuitest.Key("enter")) // breathing is first
	wait("A minute of deep breathing")
	wait("0:5") // the clock runs: 0:59, 0:58...
	tm.Send(tuitest.Key("s"))
	wait("step 4 of 5")
	tm.Type("Asked Acme why")
	wait("Asked Acme why")
	tm.Send(tuitest.Key("enter"))
	wait("step 5 of 5")
	tm.Type("What made you look at us?")
	wait("What made you look at us?")
	tm.Send(tuitest.Key("enter"))
	wait("Day marked active.")
	tm.Send(tuitest.Key("enter"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if !h.WentBack() {
		t.Fatal("finished without going back")
	}

	r, ok, err := db.Reflection(today)
	if err != nil || !ok {
		t.Fatalf("no reflection stored: %v", err)
	}
	if r.Mood != 2 || r.Ritual != "breathing" || r.Win != "Asked Acme why" || r.Intention != "What made you look at us?" ||
		len(r.Answers) != 1 || r.Answers[0].Answer != "Less than I expected." {
		t.Fatalf("stored %+v", r)
	}
}
