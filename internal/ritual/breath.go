// Package ritual paces the timed bounce-back rituals: which breathing phase
// is running at a given moment, how long is left, and how full the lungs
// should look. Pure functions of elapsed time, so the animation is tested
// without sleeping.
package ritual

import (
	"strings"
	"time"
)

// Motion is what a phase does to the breath shape.
type Motion int

const (
	Grow   Motion = iota // breathing in: the shape fills
	Hold                 // holding: the shape stays where it is
	Shrink               // breathing out: the shape empties
)

// Step is one phase of the breathing cycle.
type Step struct {
	Word   string // "Inhale", "Hold", "Exhale": the phase in one word
	Text   string // the instruction, "Inhale slowly through your nose"
	Length time.Duration
	Motion Motion
}

// Breath is a guided breathing timer: Steps repeat until Total runs out.
type Breath struct {
	Steps []Step
	Total time.Duration
}

// NewBreath builds the timer from a ritual's steps, their seconds and the
// total seconds. Missing or non-positive step lengths fall back to the
// classic 4-2-6 pace; a zero total means one minute.
func NewBreath(steps []string, stepSeconds []int, seconds int) Breath {
	if len(steps) == 0 {
		steps = []string{"Inhale slowly through your nose", "Hold", "Exhale slowly through your mouth"}
	}
	fallback := []int{4, 2, 6}
	b := Breath{Total: time.Duration(seconds) * time.Second}
	if b.Total <= 0 {
		b.Total = time.Minute
	}
	for i, text := range steps {
		sec := 0
		if i < len(stepSeconds) {
			sec = stepSeconds[i]
		}
		if sec <= 0 {
			sec = fallback[min(i, len(fallback)-1)]
		}
		b.Steps = append(b.Steps, Step{
			Word:   firstWord(text),
			Text:   text,
			Length: time.Duration(sec) * time.Second,
			Motion: motionOf(text, i, len(steps)),
		})
	}
	return b
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return "Breathe"
	}
	return strings.TrimRight(f[0], ",.:;")
}

// motionOf reads the instruction; without a telling word the first step
// breathes in, the last breathes out and the ones between hold.
func motionOf(text string, i, n int) Motion {
	t := strings.ToLower(text)
	switch {
	case strings.Contains(t, "exhale"), strings.Contains(t, "breathe out"), strings.Contains(t, "out through"):
		return Shrink
	case strings.Contains(t, "hold"), strings.Contains(t, "pause"), strings.Contains(t, "rest"):
		return Hold
	case strings.Contains(t, "inhale"), strings.Contains(t, "breathe in"), strings.Contains(t, "in through"):
		return Grow
	case i == 0:
		return Grow
	case i == n-1:
		return Shrink
	}
	return Hold
}

// Cycle is the length of one round of the steps.
func (b Breath) Cycle() time.Duration {
	var c time.Duration
	for _, s := range b.Steps {
		c += s.Length
	}
	return c
}

// Phase is the timer's state at one moment.
type Phase struct {
	Step      Step
	Index     int           // which step of the cycle
	Round     int           // which cycle, from 0
	Into      time.Duration // time spent in this phase
	Left      time.Duration // time left in this phase
	TotalLeft time.Duration // time left overall
	// Level is how full the breath shape is, 0 (empty) to 1 (full).
	Level float64
	// Progress is the share of the whole ritual done, 0 to 1.
	Progress float64
	Done     bool
}

// At is the phase after elapsed time t. Before the start it is the first
// phase; at or after Total it is Done (with the shape emptied).
func (b Breath) At(t time.Duration) Phase {
	if len(b.Steps) == 0 || b.Total <= 0 {
		return Phase{Done: true, Progress: 1}
	}
	t = max(t, 0)
	if t >= b.Total {
		last := len(b.Steps) - 1
		return Phase{Step: b.Steps[last], Index: last, Done: true, Progress: 1}
	}
	cycle := b.Cycle()
	round := int(t / cycle)
	in := t % cycle
	level := 0.0 // the shape starts empty, before the first breath in
	for i, s := range b.Steps {
		if in < s.Length {
			frac := float64(in) / float64(s.Length)
			switch s.Motion {
			case Grow:
				level = frac
			case Shrink:
				level = 1 - frac
			}
			// The phase may be cut short by the end of the ritual.
			left := min(s.Length-in, b.Total-t)
			return Phase{
				Step: s, Index: i, Round: round,
				Into: in, Left: left, TotalLeft: b.Total - t,
				Level: level, Progress: float64(t) / float64(b.Total),
			}
		}
		in -= s.Length
		switch s.Motion {
		case Grow:
			level = 1
		case Shrink:
			level = 0
		}
	}
	// Unreachable: in < cycle.
	return Phase{Done: true, Progress: 1}
}

// Seconds rounds a remaining duration up to whole seconds, the way a
// countdown reads: 3.2 s left shows as 4, 0.1 s as 1, 0 as 0.
func Seconds(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int((d + time.Second - 1) / time.Second)
}
