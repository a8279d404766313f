package reframeview

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func TestFlowReframeThroughEveryStep(t *testing.T) {
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: said})
	// The screen batches its status with going back: the program ends
	// once both have arrived.
	h := tuitest.Screen(New(ctx, db, n.ID)).AwaitStatus()
	tm, wait := tuitest.Flow(t, h, 100, 30)
	key := func(k string, times int) {
		for range times {
			tm.Send(tuitest.Key(k))
		}
	}
	right := func(times int) {
		for range times {
			tm.Send(tea.KeyPressMsg{Code: tea.KeyRight})
		}
	}

	// 1 — what they said (already logged), how much it stung.
	wait("Step 1 of 9 · What they said")
	wait("┃ What did the prospect actually say?")
	key("enter", 1)
	wait("┃ How much did it sting?")
	right(5)
	wait("5 — it really stung")
	key("enter", 1)

	// 2 — assumed vs real reason; their words stay on screen from here on.
	wait("Step 2 of 9 · The real reason")
	wait("The prospect said:")
	wait("┃ What reason did you assume at first?")
	right(1)
	wait("Too expensive")
	key("enter", 1)
	wait("┃ What is the real reason, in their words?")
	tm.Type("Surprise charges last time")
	wait("Surprise charges last time")
	key("enter", 1)
	wait("┃ Which reason is closest?")
	key("down", 7)
	wait("> Hidden fees")
	key("enter", 1)

	// 3 — the kind of no, each explained.
	wait("Step 3 of 9 · Kind of no")
	wait("Not understood  They said no")
	key("down", 4)
	wait("Not understood: They said no to what they thought you offered")
	key("enter", 1)

	// 4 — the turnaround question and their answer; the referral ask
	// (not understood allows it in sales), asked and given.
	wait("Step 4 of 9 · The turnaround")
	wait("┃ What would need to change for us to revisit this?")
	tm.Type("A line-item quote")
	wait("A line-item quote")
	key("enter", 1)
	wait(`┃ Ask them: "Could you point me to someone this would fit?"`)
	right(1)
	wait("Yes, I asked")
	key("enter", 1)
	wait("┃ Who did they point you to?")
	tm.Type("Dana at Globex")
	wait("Dana at Globex")
	key("enter", 1)

	// 5 — the competitor, then skip the why with ctrl+n.
	wait("Step 5 of 9 · The alternative")
	wait("┃ Did they choose a competitor?")
	tm.Type("Initech")
	wait("Initech")
	tm.Send(tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})

	// 6 — the thought the No set off, with their words in view.
	wait("Step 6 of 9 · Your thought")
	wait("ctrl+n skips the thought record")
	wait("┃ What went through your mind when you heard no?")
	tm.Type("They'll never change their minds.")
	wait("They'll never change their minds.")
	key("enter", 1)

	// 7 — the traps it fits, each with its example; the thought above.
	wait("Step 7 of 9 · Thinking traps")
	wait("Your thought:")
	wait("┃ Which thinking traps does that thought fit?")
	wait("Catastrophising          Losing this account means I'll lose my job.")
	key("down", 2)
	wait("Fortune telling: “They'll never change their minds.”")
	key("x", 1)
	wait("✓ Fortune telling")
	key("enter", 1)

	// 8 — the evidence each way, the No's own facts in view, and a
	// balanced way to put it.
	wait("Step 8 of 9 · The evidence")
	wait("The prospect said: We're worried about hidden fees.")
	wait("Kind of no: Not understood — They said no to what they thought")
	wait("What would need to change: A line-item quote")
	wait("Your thought: They'll never change their minds.")
	wait("┃ What supports that thought?")
	tm.Type("They said no")
	wait("They said no")
	key("enter", 1)
	wait("┃ What doesn't support it?")
	tm.Type("They told me what would change it")
	wait("They told me what would change it")
	key("enter", 1)
	wait("┃ A more balanced way to put it?")
	tm.Type("Not yet; a clear quote may do it")
	wait("Not yet; a clear quote may do it")
	key("enter", 1)

	// 9 — the reframe; the follow-up is suggested from the kind, in sight;
	// the sting re-rated last.
	wait("Step 9 of 9 · Your reframe")
	wait("about 2 days after the No")
	wait("┃ What does this no teach you?")
	tm.Type("Itemise every quote")
	wait("Itemise every quote")
	key("enter", 1)
	wait("┃ What is your next step with this prospect?")
	tm.Type("Send the quote")
	wait("Send the quote")
	key("enter", 1)
	wait("┃ Follow up on")
	key("enter", 1)
	wait("┃ How much does it sting now?")
	right(2)
	wait("2 — a little")
	key("enter", 1)
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	if s := h.Status(); !h.WentBack() || !strings.HasPrefix(s, "Reframed.") {
		t.Fatalf("went back %v, status %q", h.WentBack(), s)
	}
	got := get(t, ctx, db, n.ID)
	if got.Feeling != 5 || got.Assumed != "price" || got.Reason != "hidden-fees" || got.ReasonText != "Surprise charges last time" ||
		got.Kind != journal.KindNotUnderstood || got.Change != "A line-item quote" || got.Competitor != "Initech" ||
		got.Lesson != "Itemise every quote" || got.Next != "Send the quote" || got.FollowUp != "2026-11-25" || got.FeelingAfter != 2 {
		t.Fatalf("stored %+v", got)
	}
	if got.Thought != "They'll never change their minds." || !slices.Equal(got.Traps, []string{"fortune-telling"}) ||
		got.EvidenceFor != "They said no" || got.EvidenceAgainst != "They told me what would change it" ||
		got.Balanced != "Not yet; a clear quote may do it" || !got.ReferralAsked || got.Referral != "Dana at Globex" {
		t.Fatalf("thought record and referral stored as %+v", got)
	}
	if !got.Reframed() || got.ReframedAt == nil || got.ReframeStep != 0 {
		t.Fatalf("not reframed: %+v", got)
	}
}
