package demo

import (
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestDemoReviewsCoverPastWeeksEndingWithLastWeek(t *testing.T) {
	today := journal.Day("2026-11-28") // a Saturday
	week := journal.WeekdaysOnly
	rs := Reviews("job", today, week, 1, 365)
	if len(rs) < reviewWeeks/2 || len(rs) > reviewWeeks {
		t.Fatalf("%d reviews over %d weeks", len(rs), reviewWeeks)
	}
	this, _ := journal.WeekOf(today, week)
	if last := rs[len(rs)-1]; last.Week != this.AddDays(-7) {
		t.Errorf("the latest review is of %s, want last week's (%s)", last.Week, this.AddDays(-7))
	}
	for i, r := range rs {
		if err := journal.CheckReview(&r); err != nil {
			t.Errorf("review %d: %v", i, err)
		}
		if first, _ := journal.WeekOf(r.Week, week); first != r.Week || r.Mode != "job" {
			t.Errorf("review %d: week %s (starts %s), mode %s", i, r.Week, first, r.Mode)
		}
		if i > 0 && rs[i-1].Week >= r.Week {
			t.Errorf("reviews out of order at %d", i)
		}
		if d := journal.DayOf(r.SavedAt.Local()); d < r.Week || d > r.Week.AddDays(4) {
			t.Errorf("review of %s saved on %s, not a workday of its week", r.Week, d)
		}
	}
	again := Reviews("job", today, week, 1, 365)
	if len(again) != len(rs) || again[0] != rs[0] {
		t.Error("the same seed gives other reviews")
	}
	if short := Reviews("job", today, week, 1, 20); len(short) > 3 {
		t.Errorf("a 20-day journal has %d weekly reviews", len(short))
	}
}
