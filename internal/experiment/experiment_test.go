package experiment

import (
	"math"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// The reference z and p values were computed apart from this code, in
// Python 3.12 with the standard library only (statistics.NormalDist, no
// scipy on this machine): p1 = c1/n1, p2 = c2/n2, p = (c1+c2)/(n1+n2),
// z = (p2-p1) / sqrt(p(1-p)(1/n1+1/n2)), p-value = 2(1 - Phi(|z|)).
// The first row by hand: p = 0.4, se = sqrt(0.4·0.6·0.02) = 0.069282,
// z = 0.2/0.069282 = 2.886751, p-value = 2(1 - Phi(2.8868)) = 0.003892.
func TestZTestAgainstKnownResults(t *testing.T) {
	cases := []struct {
		c1, n1, c2, n2 int
		z, p           float64
		verdict        Verdict
	}{
		{30, 100, 50, 100, 2.886751, 0.003892, Hurting},
		{50, 100, 30, 100, -2.886751, 0.003892, Helping},
		{12, 40, 5, 40, -1.913147, 0.055729, NoChange}, // just above 0.05
		{12, 40, 10, 40, -0.500783, 0.616524, NoChange},
		{20, 50, 8, 50, -2.672612, 0.007526, Helping},
		{9, 20, 3, 21, -2.160565, 0.030729, Helping},
		{45, 200, 30, 210, -2.150470, 0.031518, Helping},
		{18, 60, 8, 55, -1.979158, 0.047798, Helping}, // just below 0.05
		{10, 10, 10, 10, 0, 1, NoChange},              // every No watched: no variance
		{0, 10, 0, 10, 0, 1, NoChange},
	}
	for _, c := range cases {
		before, after := NewSide(c.c1, c.n1), NewSide(c.c2, c.n2)
		z, p := ZTest(before, after)
		if math.Abs(z-c.z) > 1e-6 || math.Abs(p-c.p) > 1e-6 {
			t.Errorf("ZTest(%d/%d, %d/%d) = z %.6f p %.6f, want z %.6f p %.6f", c.c1, c.n1, c.c2, c.n2, z, p, c.z, c.p)
		}
		if v := Judge(before, after); v != c.verdict {
			t.Errorf("Judge(%d/%d, %d/%d) = %s, want %s", c.c1, c.n1, c.c2, c.n2, v, c.verdict)
		}
	}
}

func TestJudgeTooEarlyBelowTenNosInEitherWindow(t *testing.T) {
	cases := []struct {
		before, after Side
		want          Verdict
	}{
		{NewSide(9, 9), NewSide(0, 40), TooEarly}, // a huge difference, but 9 No's before
		{NewSide(30, 40), NewSide(0, 9), TooEarly},
		{NewSide(0, 0), NewSide(0, 0), TooEarly},
		{NewSide(10, 10), NewSide(0, 10), Helping}, // ten each: judged
	}
	for _, c := range cases {
		if got := Judge(c.before, c.after); got != c.want {
			t.Errorf("Judge(%+v, %+v) = %s, want %s", c.before, c.after, got, c.want)
		}
	}
}

func TestWindowsAreTheSameLengthJustBefore(t *testing.T) {
	cases := []struct {
		start, end, today journal.Day
		before, after     Window
	}{
		// Running for 14 days (Nov 17..30): the 14 days before.
		{"2026-11-17", "", "2026-11-30", Window{"2026-11-03", "2026-11-16"}, Window{"2026-11-17", "2026-11-30"}},
		// Ended: to its end, not today.
		{"2026-10-01", "2026-10-10", "2026-11-30", Window{"2026-09-21", "2026-09-30"}, Window{"2026-10-01", "2026-10-10"}},
		// Started today: one day each.
		{"2026-11-30", "", "2026-11-30", Window{"2026-11-29", "2026-11-29"}, Window{"2026-11-30", "2026-11-30"}},
		// Across a month and a year.
		{"2026-01-02", "2026-01-03", "2026-02-01", Window{"2025-12-31", "2026-01-01"}, Window{"2026-01-02", "2026-01-03"}},
	}
	for _, c := range cases {
		b, a := Windows(c.start, c.end, c.today)
		if b != c.before || a != c.after {
			t.Errorf("Windows(%s, %q, %s) = %v %v, want %v %v", c.start, c.end, c.today, b, a, c.before, c.after)
		}
		if b.Days() != a.Days() {
			t.Errorf("Windows(%s, %q, %s): %d days before, %d after", c.start, c.end, c.today, b.Days(), a.Days())
		}
	}
}

func TestCountSumsTheWatchedReasons(t *testing.T) {
	d := tally.Day{Nos: 20, Reasons: map[string]int{"price": 5, "budget": 3, "timing": 7}}
	got := Count(&d, []string{"price", "budget"})
	if got.Count != 8 || got.Total != 20 || got.Share != 0.4 {
		t.Errorf("Count = %+v, want 8 of 20 (0.4)", got)
	}
	if got := NewSide(0, 0); got.Share != 0 {
		t.Errorf("NewSide(0, 0).Share = %v, want 0", got.Share)
	}
}
