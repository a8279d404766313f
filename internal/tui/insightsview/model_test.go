package insightsview_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/insightsview"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// tuitest.Now is Monday 2026-11-23.
const today = journal.Day("2026-11-23")

func open(t *testing.T, ctx *common.Context, db *store.Store, w, h int) common.Screen {
	t.Helper()
	var s common.Screen = insightsview.New(ctx, db)
	s.SetSize(w, h)
	s, _ = tuitest.Run(s, s.Init())
	return s
}

// seed logs n No's a day apart, ending daysAgo before today.
func seed(t *testing.T, ctx *common.Context, db *store.Store, n, daysAgo int, reason string) {
	t.Helper()
	for i := range n {
		tuitest.Add(t, db, journal.No{Who: "Acme", Date: today.AddDays(-daysAgo - i), Reason: reason, Competitor: "Globex", CompetitorWhy: "cheaper"})
	}
}

func TestEmptyJournal(t *testing.T) {
	ctx, db := tuitest.Context(t)
	s := open(t, ctx, db, 78, 20)
	v := tuitest.View(s)
	// All time is empty too: no hint sends there.
	for _, want := range []string{"[2 30 days]", "Insights · last 30 days", "No No's in this period yet", "No Sales No's yet"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q in\n%s", want, v)
		}
	}
	s, _ = tuitest.Send(s, tuitest.Key("4"))
	v = tuitest.View(s)
	for _, want := range []string{"[4 all time]", "Insights · all time", "No Sales No's yet", "n on home"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q in\n%s", want, v)
		}
	}
}

func TestPeriodSwitchChangesTheReport(t *testing.T) {
	ctx, db := tuitest.Context(t)
	seed(t, ctx, db, 3, 0, "timing")  // the last 3 days
	seed(t, ctx, db, 12, 40, "price") // 40..51 days ago
	s := open(t, ctx, db, 78, 20)
	v := tuitest.View(s)
	if !strings.Contains(v, "Insights · last 30 days") || !strings.Contains(v, "3 No's") ||
		!strings.Contains(v, "patterns appear after about 10") {
		t.Fatalf("30 days:\n%s", v)
	}

	s, _ = tuitest.Send(s, tuitest.Key("1"))
	v = tuitest.View(s)
	if !strings.Contains(v, "[1 7 days]") || !strings.Contains(v, "Insights · last 7 days") || !strings.Contains(v, "3 No's") {
		t.Fatalf("7 days:\n%s", v)
	}
	if p := s.(*insightsview.Model).Period(); p.Name != "7d" {
		t.Fatalf("period %v", p)
	}

	s, _ = tuitest.Send(s, tuitest.Key("3"))
	v = tuitest.View(s)
	if !strings.Contains(v, "Insights · last 90 days") || !strings.Contains(v, "15 No's") || !strings.Contains(v, "Reasons") {
		t.Fatalf("90 days:\n%s", v)
	}
	if !strings.Contains(v, "Too expensive ███") || !strings.Contains(v, "Bad timing") {
		t.Errorf("reason bars missing:\n%s", v)
	}

	// tab cycles: 90d -> all -> 7d; shift+tab goes back.
	s, _ = tuitest.Send(s, tuitest.Key("tab"))
	if v = tuitest.View(s); !strings.Contains(v, "Insights · all time") {
		t.Fatalf("tab from 90d:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("tab"))
	if v = tuitest.View(s); !strings.Contains(v, "Insights · last 7 days") {
		t.Fatalf("tab from all:\n%s", v)
	}
}

func TestScrollAndReload(t *testing.T) {
	ctx, db := tuitest.Context(t)
	seed(t, ctx, db, 14, 0, "price")
	s := open(t, ctx, db, 78, 20)
	v := tuitest.View(s)
	if !strings.Contains(v, "↓ more") {
		t.Fatalf("a full report at 78×20 should scroll:\n%s", v)
	}
	first := v
	for range 3 {
		s, _ = tuitest.Send(s, tuitest.Key("j"))
	}
	if v = tuitest.View(s); v == first || strings.Contains(v, "Insights · last 30 days") {
		t.Fatalf("j did not scroll:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("G"))
	if v = tuitest.View(s); !strings.Contains(v, "end · k/pgup") {
		t.Fatalf("G did not reach the end:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("g"))
	if v = tuitest.View(s); !strings.Contains(v, "Insights · last 30 days") || !strings.Contains(v, "14 No's") {
		t.Fatalf("g did not go to the top:\n%s", v)
	}

	// Another terminal logs a No: the screen reloads on DataChanged.
	seed(t, ctx, db, 1, 0, "timing")
	s, _ = tuitest.Send(s, common.DataChanged{})
	if v = tuitest.View(s); !strings.Contains(v, "15 No's") {
		t.Fatalf("not reloaded:\n%s", v)
	}
	// Every line fits the width.
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 78 {
			t.Errorf("line %d wide: %q", ansi.StringWidth(l), l)
		}
	}
	if n := strings.Count(v, "\n") + 1; n > 20 {
		t.Errorf("%d lines at 78×20", n)
	}
}

func TestEscGoesBack(t *testing.T) {
	ctx, db := tuitest.Context(t)
	s := open(t, ctx, db, 78, 20)
	_, out := tuitest.Send(s, tuitest.Key("esc"))
	if len(out) != 1 {
		t.Fatalf("messages %v", out)
	}
	if _, ok := out[0].(common.Back); !ok {
		t.Fatalf("esc sent %T", out[0])
	}
}

func TestSizes(t *testing.T) {
	ctx, db := tuitest.Context(t)
	seed(t, ctx, db, 12, 0, "price")
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {30, 8}, {50, 12}, {78, 20}, {160, 50}} {
		s := open(t, ctx, db, sz[0], sz[1])
		s, _ = tuitest.Send(s, tuitest.Key("j"))
		s, _ = tuitest.Send(s, tuitest.Key("2"))
		v := tuitest.View(s)
		if sz[0] >= 30 && !strings.Contains(v, "30") {
			t.Errorf("%v: %q", sz, v)
		}
		if sz[0] >= 50 {
			for _, l := range strings.Split(v, "\n") {
				if ansi.StringWidth(l) > sz[0] {
					t.Errorf("%v: line %d wide: %q", sz, ansi.StringWidth(l), l)
				}
			}
		}
	}
}

func TestNewForStartsOnThePeriodGiven(t *testing.T) {
	ctx, db := tuitest.Context(t)
	var s common.Screen = insightsview.NewFor(ctx, db, "90d")
	s.SetSize(78, 20)
	s, _ = tuitest.Run(s, s.Init())
	if v := tuitest.View(s); !strings.Contains(v, "[3 90 days]") || !strings.Contains(v, "Insights · last 90 days") {
		t.Fatalf("%s", v)
	}
	if p := insightsview.NewFor(ctx, db, "").Period(); p != insights.DefaultPeriod {
		t.Fatalf("empty name gave %v", p)
	}
}

// The hint under too few No's names a longer period only when that period
// has enough for patterns (the nearest such), and is quiet when none has:
// "A longer period (3 or 4) may have enough" was shown even when all time
// had 3 No's.
func TestHintOnlyPointsToAPeriodWithEnough(t *testing.T) {
	ctx, db := tuitest.Context(t)
	seed(t, ctx, db, 3, 0, "timing") // the last 3 days
	s := open(t, ctx, db, 78, 30)
	s, _ = tuitest.Send(s, tuitest.Key("1"))
	v := strings.Join(strings.Fields(tuitest.View(s)), " ")
	if strings.Contains(v, "Press") || strings.Contains(v, "longer period") {
		t.Errorf("3 No's in all: a hint sends to a period without patterns:\n%s", v)
	}

	seed(t, ctx, db, 12, 10, "price") // 10..21 days ago: the last 30 days have 15
	s, _ = tuitest.Send(s, common.DataChanged{})
	v = strings.Join(strings.Fields(tuitest.View(s)), " ")
	if !strings.Contains(v, "Press 2 for the last 30 days: 15 No's there, enough to show patterns.") {
		t.Errorf("the hint does not name the 30 days:\n%s", v)
	}
}
