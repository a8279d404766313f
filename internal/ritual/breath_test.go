package ritual

import (
	"math"
	"testing"
	"time"
)

func sales() Breath {
	return NewBreath([]string{"Inhale slowly through your nose", "Hold", "Exhale slowly through your mouth"}, []int{4, 2, 6}, 60)
}

func TestBreathPhases(t *testing.T) {
	t.Parallel()
	b := sales()
	if got := b.Cycle(); got != 12*time.Second {
		t.Fatalf("cycle = %v, want 12s", got)
	}
	cases := []struct {
		at        time.Duration
		word      string
		round     int
		left      int // seconds, rounded up
		totalLeft int
		level     float64
		done      bool
	}{
		{0, "Inhale", 0, 4, 60, 0, false},
		{2 * time.Second, "Inhale", 0, 2, 58, 0.5, false},
		{3900 * time.Millisecond, "Inhale", 0, 1, 57, 0.975, false},
		{4 * time.Second, "Hold", 0, 2, 56, 1, false},
		{5 * time.Second, "Hold", 0, 1, 55, 1, false},
		{6 * time.Second, "Exhale", 0, 6, 54, 1, false},
		{9 * time.Second, "Exhale", 0, 3, 51, 0.5, false},
		{12 * time.Second, "Inhale", 1, 4, 48, 0, false},
		{59 * time.Second, "Exhale", 4, 1, 1, 1.0 / 6, false},
		{60 * time.Second, "Exhale", 0, 0, 0, 0, true},
		{5 * time.Minute, "Exhale", 0, 0, 0, 0, true},
		{-time.Second, "Inhale", 0, 4, 60, 0, false},
	}
	for _, c := range cases {
		p := b.At(c.at)
		if p.Step.Word != c.word || p.Round != c.round || p.Done != c.done ||
			Seconds(p.Left) != c.left || Seconds(p.TotalLeft) != c.totalLeft ||
			math.Abs(p.Level-c.level) > 1e-9 {
			t.Errorf("At(%v) = %s round %d left %ds total %ds level %.3f done %v; want %s round %d left %ds total %ds level %.3f done %v",
				c.at, p.Step.Word, p.Round, Seconds(p.Left), Seconds(p.TotalLeft), p.Level, p.Done,
				c.word, c.round, c.left, c.totalLeft, c.level, c.done)
		}
	}
}

func TestBreathCutShortByTotal(t *testing.T) {
	t.Parallel()
	b := NewBreath(nil, nil, 10) // 4-2-6 by default, but only ten seconds
	p := b.At(8 * time.Second)
	if p.Step.Word != "Exhale" || Seconds(p.Left) != 2 {
		t.Fatalf("at 8s of 10: %s with %ds left, want Exhale with 2s (the total wins)", p.Step.Word, Seconds(p.Left))
	}
	if !b.At(10 * time.Second).Done {
		t.Fatal("not done at the total")
	}
}

func TestBreathMotionFromWords(t *testing.T) {
	t.Parallel()
	b := NewBreath([]string{"Breathe in", "Hold", "Breathe out", "Hold"}, []int{4, 4, 4, 4}, 16)
	want := []Motion{Grow, Hold, Shrink, Hold}
	for i, s := range b.Steps {
		if s.Motion != want[i] {
			t.Errorf("step %d %q: motion %d, want %d", i, s.Text, s.Motion, want[i])
		}
	}
	// Box breathing: the second hold stays empty, the first stays full.
	if l := b.At(6 * time.Second).Level; l != 1 {
		t.Errorf("first hold level %v, want 1", l)
	}
	if l := b.At(14 * time.Second).Level; l != 0 {
		t.Errorf("second hold level %v, want 0", l)
	}
}

func TestSecondsRoundsUp(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]int{0: 0, -time.Second: 0, time.Millisecond: 1, time.Second: 1, 3200 * time.Millisecond: 4} {
		if got := Seconds(d); got != want {
			t.Errorf("Seconds(%v) = %d, want %d", d, got, want)
		}
	}
}
