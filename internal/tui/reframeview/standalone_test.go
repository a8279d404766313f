package reframeview

import (
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// The standalone flow saves like the screen: each step records the next
// step as the draft, the last one clears it, and a bad date saves nothing.
func TestStandaloneSavesStepByStep(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme", ReframeStep: 3})
	s := NewStandalone(ctx, db, n)
	if s.Start() != 3 || Indicator(3) != "Step 3 of 9 · Kind of no" {
		t.Fatalf("start %d, indicator %q", s.Start(), Indicator(3))
	}
	if qs := s.Questions(3); len(qs) != 1 || qs[0].Field.GetKey() != "kind" {
		t.Fatalf("step 3 asks %v", qs)
	}
	s.m.vals.Kind = string(journal.KindNotNow)
	got, err := s.Save(4)
	if err != nil || got.ReframeStep != 4 || got.Kind != journal.KindNotNow {
		t.Fatalf("after step 3: %+v %v", got, err)
	}
	// The last step suggests a follow-up from the kind; a date it can't read is refused.
	qs := s.Questions(stepReframe)
	if s.m.vals.FollowUp == "" || qs[2].Field.GetKey() != "follow_up" || qs[2].Hint == "" {
		t.Fatalf("no suggested follow-up: %q %+v", s.m.vals.FollowUp, qs[2])
	}
	s.m.vals.FollowUp = "next blursday"
	if _, err := s.Save(stepReframe + 1); err == nil {
		t.Fatal("an unreadable date was saved")
	}
	s.m.vals.FollowUp = "none"
	s.m.vals.Reason, s.m.vals.Change, s.m.vals.Lesson = "price", "A pilot", "Lead with ROI"
	got, err = s.Save(stepReframe + 1)
	if err != nil || got.ReframeStep != 0 || !got.Reframed() || got.FollowUp != "" {
		t.Fatalf("finished: %+v %v", got, err)
	}
	if _, saved, _ := s.SaveDraft(stepReframe); saved {
		t.Fatal("a draft was saved with nothing new")
	}
}
