package streak

import (
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestHeatmap(t *testing.T) {
	t.Parallel()
	in := Input{
		Activity: map[journal.Day]int{
			"2026-11-16": 1, "2026-11-17": 2, "2026-11-18": 3, thu19: 4, fri20: 9, sat21: -1,
			wed25: 1, thu26: 5, // thu26 is in the future
			"2025-11-24": 2, // before the first column when weeks = 53
		},
		Rest:  rest(sun22),
		Today: wed25,
	}
	const weeks = 53
	hm := Heatmap(in, weeks)
	if len(hm) != weeks {
		t.Fatalf("columns = %d, want %d", len(hm), weeks)
	}
	firstMonday := wed25.WeekStart().AddDays(-7 * (weeks - 1))
	todays := 0
	for w, col := range hm {
		if len(col) != 7 {
			t.Fatalf("column %d has %d cells, want 7", w, len(col))
		}
		for i, c := range col {
			if want := firstMonday.AddDays(7*w + i); c.Day != want {
				t.Fatalf("cell [%d][%d] = %s, want %s", w, i, c.Day, want)
			}
			if got, want := c.Day.Weekday(), time.Weekday((i+1)%7); got != want {
				t.Errorf("row %d is %v, want %v", i, got, want)
			}
			if c.Level < 0 || c.Level > MaxLevel {
				t.Errorf("%s: level %d out of 0..%d", c.Day, c.Level, MaxLevel)
			}
			if c.Future != wed25.Before(c.Day) {
				t.Errorf("%s: Future = %v", c.Day, c.Future)
			}
			if c.Today {
				todays++
			}
		}
	}
	if todays != 1 || !hm[weeks-1][2].Today {
		t.Errorf("today flagged %d times; last column Wednesday Today=%v", todays, hm[weeks-1][2].Today)
	}
	if hm[0][0].Day != "2025-11-24" || hm[0][0].Level != 2 {
		t.Errorf("first cell = %+v, want 2025-11-24 at level 2", hm[0][0])
	}
	prev := hm[weeks-2] // the week of 2026-11-16
	wantLevels := []int{1, 2, 3, 4, 4, 0, 0}
	for i, want := range wantLevels {
		if prev[i].Level != want {
			t.Errorf("%s: level %d, want %d", prev[i].Day, prev[i].Level, want)
		}
	}
	if !prev[6].Rest || prev[5].Rest {
		t.Errorf("rest flags: Sat %v Sun %v, want false true", prev[5].Rest, prev[6].Rest)
	}
	cur := hm[weeks-1]
	if cur[2].Level != 1 || cur[3].Level != 0 || !cur[3].Future || !cur[6].Future || cur[1].Future {
		t.Errorf("current week = %+v", cur)
	}

	if got := Heatmap(in, 0); got != nil {
		t.Errorf("Heatmap(0 weeks) = %v, want nil", got)
	}
	if got := Heatmap(Input{}, 5); got != nil {
		t.Errorf("Heatmap(no today) = %v, want nil", got)
	}
	if got := Heatmap(in, 1); len(got) != 1 || got[0][0].Day != mon23 {
		t.Errorf("Heatmap(1 week) = %+v", got)
	}
}

func TestLevel(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]int{-3: 0, 0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 4, 100: 4} {
		if got := Level(n); got != want {
			t.Errorf("Level(%d) = %d, want %d", n, got, want)
		}
	}
}
