package reviewview_test

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/reviewview"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// tuitest.Now is Monday 2026-11-23 (the first day of a Monday-to-Friday week).

func open(t *testing.T, ctx *common.Context, db *store.Store) common.Screen {
	t.Helper()
	var s common.Screen = reviewview.New(ctx, db)
	s.SetSize(78, 20)
	s, _ = tuitest.Run(s, s.Init())
	return s
}

func week(t *testing.T, db *store.Store) {
	t.Helper()
	tuitest.Add(t, db, journal.No{Who: "Acme", Date: "2026-11-23", Reason: "price", Kind: "not-this"})
	// Wednesday of the week before: past the same days, so not compared on a Monday.
	tuitest.Add(t, db, journal.No{Who: "Beta", Date: "2026-11-18", Reason: "timing", Kind: "not-now"})
	tuitest.Add(t, db, journal.No{Who: "Gamma", Date: "2026-11-16", Reason: "price", Kind: "not-this"})
}

func sent(msgs []tea.Msg) (status string, back bool) {
	for _, m := range msgs {
		switch m := m.(type) {
		case common.Status:
			status = m.Text
		case common.Back:
			back = true
		}
	}
	return status, back
}

func TestReviewShowsTheWeekAndAsks(t *testing.T) {
	ctx, db := tuitest.Context(t)
	week(t, db)
	s := open(t, ctx, db)
	v := tuitest.View(s)
	for _, w := range []string{"Week of Mon 23 Nov (its first day so far)", "the same days of the week before in brackets",
		"No's  1 this week · 1 the week before", "By reason  Too expensive 1 (1)\n",
		"Follow-ups  none due this week", "What will you focus on next week?", "e.g. Ask every not-now"} {
		if !strings.Contains(v, w) {
			t.Errorf("missing %q in\n%s", w, v)
		}
	}
	for i, l := range strings.Split(v, "\n") {
		if n := len([]rune(l)); n > 78 {
			t.Errorf("line %d is %d wide: %q", i, n, l)
		}
	}
	if lines := strings.Count(v, "\n"); lines > 20 {
		t.Errorf("the review takes %d lines of a 20-line body:\n%s", lines, v)
	}
	if !s.Capturing() {
		t.Error("the answer field does not take the keys")
	}
}

func TestEnterSavesTheFocusAndGoesBack(t *testing.T) {
	ctx, db := tuitest.Context(t)
	s := open(t, ctx, db)
	s, msgs := tuitest.Send(s, tuitest.Key("enter"))
	if st, back := sent(msgs); back || !strings.Contains(st, "Type your focus first") {
		t.Errorf("empty enter: status %q, back %v", st, back)
	}
	s = tuitest.Type(s, "Lead with ROI")
	_, msgs = tuitest.Send(s, tuitest.Key("enter"))
	if st, back := sent(msgs); !back || !strings.Contains(st, "home shows it all week") {
		t.Errorf("after saving: status %q, back %v", st, back)
	}
	r, ok, err := db.Review("2026-11-23")
	if err != nil || !ok || r.Focus != "Lead with ROI" || r.Mode != "sales" || !r.SavedAt.Equal(tuitest.Now.UTC()) {
		t.Errorf("stored %+v %v %v", r, ok, err)
	}
}

func TestASavedFocusIsInTheFieldAndEscLeaves(t *testing.T) {
	ctx, db := tuitest.Context(t)
	if _, err := db.SaveReview(journal.Review{Week: "2026-11-23", Focus: "Lead with ROI", SavedAt: tuitest.Now}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveReview(journal.Review{Week: "2026-11-16", Focus: "Ask for the budget owner", SavedAt: tuitest.Now}); err != nil {
		t.Fatal(err)
	}
	s := open(t, ctx, db)
	v := tuitest.View(s)
	if !strings.Contains(v, "Lead with ROI") || !strings.Contains(v, "Last week's focus  Ask for the budget owner") {
		t.Errorf("saved answers not shown:\n%s", v)
	}
	_, msgs := tuitest.Send(s, tuitest.Key("esc"))
	if _, back := sent(msgs); !back {
		t.Error("esc does not go back")
	}
}

func TestEachModeAsksInItsOwnWords(t *testing.T) {
	for mode, q := range map[string]string{"sales": "What will you focus on next week?",
		"job": "What will you focus on in your search next week?", "school": "What will you focus on in your studies next week?",
		"personal": "What will you focus on next week, for yourself?"} {
		ctx, db := tuitest.Context(t)
		ctx.Settings.Mode = mode
		if v := tuitest.View(open(t, ctx, db)); !strings.Contains(v, q) {
			t.Errorf("%s: missing %q in\n%s", mode, q, v)
		}
	}
}

// TestFlowReviewThenHomeShowsTheFocus walks home → v → type the focus →
// enter → home, which shows the focus, in the real root at 80×24.
func TestFlowReviewThenHomeShowsTheFocus(t *testing.T) {
	ctx, db := tuitest.Context(t)
	ctx.Settings.Welcomed = true
	week(t, db)
	tm, wait := tuitest.Flow(t, tui.New(ctx, db, common.Navigate{To: common.ScreenHome}), 80, 24)
	wait("Waiting to be reframed")
	tm.Send(tuitest.Key("v"))
	wait("What will you focus on next week?")
	tm.Type("Lead with ROI")
	wait("› Lead with ROI")
	tm.Send(tuitest.Key("enter"))
	wait("This week's focus — Lead with ROI")
	wait("Saved your focus")
	tm.Send(tuitest.Key("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second))
	if r, ok, _ := db.LatestReview(); !ok || r.Focus != "Lead with ROI" {
		t.Errorf("stored %+v", r)
	}
}

func TestATightScreenKeepsTheQuestion(t *testing.T) {
	ctx, db := tuitest.Context(t)
	week(t, db)
	for _, h := range []int{20, 16, 12} {
		var s common.Screen = reviewview.New(ctx, db)
		s.SetSize(60, h)
		s, _ = tuitest.Run(s, s.Init())
		v := strings.TrimSuffix(tuitest.View(s), "\n")
		if n := strings.Count(v, "\n") + 1; n > h {
			t.Errorf("height %d: %d lines\n%s", h, n, v)
		}
		if !strings.Contains(v, "What will you focus on next week?") || !strings.Contains(v, "Intentions") {
			t.Errorf("height %d: the question or a section is gone:\n%s", h, v)
		}
		for _, l := range strings.Split(v, "\n") {
			if n := len([]rune(l)); n > 60 {
				t.Errorf("height %d: a line of %d: %q", h, n, l)
			}
		}
	}
}
