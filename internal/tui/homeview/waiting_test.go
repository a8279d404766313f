package homeview

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func homeView(t *testing.T, ctx *common.Context, db *store.Store) string {
	t.Helper()
	var s common.Screen = New(ctx, db)
	s.SetSize(100, 30)
	s, _ = tuitest.Run(s, s.Init())
	return tuitest.View(s)
}

// "Waiting to be reframed" lists by the No's date, newest first, whatever
// the order they were logged in; a reframe left midway is marked as a
// draft, and a draft whose answers already make it reframed still waits:
// home never says every No is reframed while one is.
func TestWaitingByDateWithDraftsMarked(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	// Logged in this order; dated otherwise.
	tuitest.Add(t, db, journal.No{Who: "Ten days ago", Date: today.AddDays(-10)})
	tuitest.Add(t, db, journal.No{Who: "Today Inc", Date: today})
	tuitest.Add(t, db, journal.No{Who: "Three days ago", Date: today.AddDays(-3), ReframeStep: 3})
	tuitest.Add(t, db, journal.No{Who: "Yesterday Ltd", Date: today.AddDays(-1)})
	tuitest.Add(t, db, journal.No{Who: "Done Co", Date: today.AddDays(-2), Reason: "price", Change: "A smaller plan", Lesson: "Lead with it"})
	almost := tuitest.Add(t, db, journal.No{Who: "Almost Co", Date: today.AddDays(-2), Reason: "timing", Change: "Q3", Lesson: "Ask early", ReframeStep: 6})
	v := homeView(t, ctx, db)
	order := []string{"Today Inc", "Yesterday Ltd", "Almost Co", "Three days ago", "Ten days ago"}
	last := -1
	for _, who := range order {
		i := strings.Index(v, who)
		if i < last {
			t.Fatalf("not by date, newest first (%s out of place):\n%s", who, v)
		}
		last = i
	}
	if strings.Contains(v, "Done Co") {
		t.Errorf("a reframed No is listed:\n%s", v)
	}
	for _, line := range strings.Split(v, "\n") {
		for who, draft := range map[string]bool{"Three days ago": true, "Almost Co": true, "Today Inc": false, "Ten days ago": false} {
			if strings.Contains(line, who) && strings.Contains(line, "draft, at step") != draft {
				t.Errorf("draft mark wrong on %q", line)
			}
		}
	}
	if !strings.Contains(v, "5 waiting to be reframed") {
		t.Errorf("the count of waiting No's leaves out the draft:\n%s", v)
	}

	// Only the reframed draft left: still waiting, no tick.
	for id := uint64(1); id <= 4; id++ {
		if _, err := db.PatchNo(id, tuitest.Now, func(n *journal.No) error {
			n.Reason, n.Change, n.Lesson, n.ReframeStep = "price", "x", "y", 0
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	v = homeView(t, ctx, db)
	if strings.Contains(v, "Every No is reframed") || !strings.Contains(v, "Almost Co") || !strings.Contains(v, "draft, at step 6") {
		t.Fatalf("with a draft waiting:\n%s", v)
	}
	// Finishing the flow (step 0) settles it.
	if _, err := db.PatchNo(almost.ID, tuitest.Now, func(n *journal.No) error { n.ReframeStep = 0; return nil }); err != nil {
		t.Fatal(err)
	}
	if v := homeView(t, ctx, db); !strings.Contains(v, "✓ Every No is reframed") {
		t.Fatalf("every No reframed, no tick:\n%s", v)
	}
}
