package demo

import (
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

// Every mode's demo experiments watch reasons the mode has and fit in the
// days the demo spans: one ended (long journals) and one running.
func TestExperimentsFitEveryMode(t *testing.T) {
	cat := coach.Default()
	today := journal.Day("2026-11-30")
	for _, mode := range cat.ModeIDs() {
		for _, days := range []int{365, 60, 2} {
			es := Experiments(mode, today, days)
			want := 1
			if days >= 200 {
				want = 2
			}
			if len(es) != want {
				t.Errorf("%s over %d days: %d experiments, want %d", mode, days, len(es), want)
			}
			for _, e := range es {
				if err := e.Validate(cat); err != nil {
					t.Errorf("%s: %+v: %v", mode, e, err)
				}
				if e.Start < today.AddDays(-(days-1)) || e.Start > today {
					t.Errorf("%s over %d days starts %s, outside the demo", mode, days, e.Start)
				}
			}
			if !es[len(es)-1].Running() {
				t.Errorf("%s: the last experiment has ended", mode)
			}
		}
	}
}
