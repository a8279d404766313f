package debriefview

import (
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Debrief answers saved after another terminal changed the No keep that
// change; answers changed on both sides are shown and the user picks.
func TestDebriefAnswersMergeAndAskOnConflict(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp"})
	s := open(t, ctx, db, n.ID, 100, 60)
	patch := func(f func(*journal.No)) {
		t.Helper()
		if _, err := db.PatchNo(n.ID, ctx.Now().Add(time.Minute), func(p *journal.No) error { f(p); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	answerAndSave := func(text string) {
		t.Helper()
		s, _ = tuitest.Send(s, tuitest.Key("a"))
		m := s.(*Model)
		(*m.answers)[0] = text
		s, _ = tuitest.Run(s, m.save())
	}

	patch(func(p *journal.No) { p.Lesson = "X from the CLI" })
	answerAndSave("Saw our webinar")
	got, _ := db.GetNo(n.ID)
	if got.Lesson != "X from the CLI" || len(got.Debrief) != 1 || got.Debrief[0].Answer != "Saw our webinar" {
		t.Fatalf("after the first save: %+v", got)
	}

	patch(func(p *journal.No) {
		p.Debrief = []journal.Answer{{Prompt: "Elsewhere", Answer: "typed in another terminal"}}
	})
	answerAndSave("A referral")
	v := tuitest.View(s)
	if !strings.Contains(v, "changed elsewhere") || !strings.Contains(v, "A referral") || !strings.Contains(v, "typed in another terminal") {
		t.Fatalf("no conflict shown:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("o")) // keep the other
	got, _ = db.GetNo(n.ID)
	if len(got.Debrief) != 1 || got.Debrief[0].Answer != "typed in another terminal" || got.Lesson != "X from the CLI" {
		t.Fatalf("after keeping the other: %+v", got.Debrief)
	}
}
