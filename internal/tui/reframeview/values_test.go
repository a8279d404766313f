package reframeview

import (
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func TestApplyKeepsUntouchedFieldsExactly(t *testing.T) {
	t.Parallel()
	stored := journal.No{Said: "two\r\nlines\x1b[2J", Change: "keep  me", Lesson: "old", FollowUp: "2026-12-01", FollowUpDone: true}
	orig := valuesOf(stored)
	v := orig
	v.Lesson = "  new lesson  "
	n := stored
	if err := v.applyTo(&n, orig, tuitest.Now); err != nil {
		t.Fatal(err)
	}
	if n.Said != stored.Said || n.Change != stored.Change || n.Lesson != "new lesson" || !n.FollowUpDone {
		t.Fatalf("applied %+v", n)
	}
	v.FollowUp = "in 2 weeks"
	if err := v.applyTo(&n, orig, tuitest.Now); err != nil {
		t.Fatal(err)
	}
	if n.FollowUp != "2026-12-07" || n.FollowUpDone {
		t.Fatalf("new follow-up %q done %v", n.FollowUp, n.FollowUpDone)
	}
	v.FollowUp = "whenever"
	if err := v.applyTo(&n, orig, tuitest.Now); err == nil {
		t.Fatal("an unreadable date was accepted")
	}
}
