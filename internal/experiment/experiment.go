// Package experiment judges a change in the user's pitch: did the share of
// the No's that give the reasons it targets (the watched reasons) change
// between the time before the change and the time since? It compares the
// two windows with a two-sided two-proportion z-test at 95 %, from counts
// the store keeps per day (tally), never from a walk of the journal.
package experiment

import (
	"math"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Verdict is what the test says about an experiment.
type Verdict string

// The verdicts. Helping means the watched reasons' share fell (fewer of
// the No's the change targets), hurting that it rose; both only when the
// difference stands out from chance at 95 %.
const (
	TooEarly Verdict = "too-early"
	NoChange Verdict = "no-change"
	Helping  Verdict = "helping"
	Hurting  Verdict = "hurting"
)

// MinNos is the fewest No's each window needs before a verdict other than
// too-early: below it the normal approximation the test rests on is poor,
// and a share is an anecdote.
const MinNos = 10

// Alpha is the test's significance level (two-sided): 95 %.
const Alpha = 0.05

// Side is one window's counts: Count No's gave a watched reason among the
// Total No's of the mode dated in it.
type Side struct {
	Count int     `json:"count"`
	Total int     `json:"total"`
	Share float64 `json:"share"`
}

// NewSide fills Share (0 when Total is 0).
func NewSide(count, total int) Side {
	s := Side{Count: count, Total: total}
	if total > 0 {
		s.Share = float64(count) / float64(total)
	}
	return s
}

// ZTest is the pooled two-proportion z-test of before against after: z
// is positive when after's share is larger, p the two-sided p-value. With
// no variance at all (every No, or none, watched in both windows, or an
// empty window) z is 0 and p is 1: nothing to tell apart.
func ZTest(before, after Side) (z, p float64) {
	n1, n2 := float64(before.Total), float64(after.Total)
	if n1 == 0 || n2 == 0 {
		return 0, 1
	}
	p1, p2 := float64(before.Count)/n1, float64(after.Count)/n2
	pool := float64(before.Count+after.Count) / (n1 + n2)
	se := math.Sqrt(pool * (1 - pool) * (1/n1 + 1/n2))
	if se == 0 {
		return 0, 1
	}
	z = (p2 - p1) / se
	return z, math.Erfc(math.Abs(z) / math.Sqrt2)
}

// Judge is the verdict on two windows: too-early when either holds fewer
// than MinNos No's, else helping or hurting when the test's p-value is
// below Alpha, else no-change.
func Judge(before, after Side) Verdict {
	if before.Total < MinNos || after.Total < MinNos {
		return TooEarly
	}
	z, p := ZTest(before, after)
	switch {
	case p >= Alpha:
		return NoChange
	case z < 0:
		return Helping
	default:
		return Hurting
	}
}

// Window is a span of days, both ends included.
type Window struct{ From, To journal.Day }

// Days is how many days w spans (0 when it is empty).
func (w Window) Days() int { return max(0, w.From.DaysUntil(w.To)+1) }

// Windows are the two spans an experiment compares: after runs from its
// start to its end (or today while it runs), before is the same number of
// days just before the start.
func Windows(start, end, today journal.Day) (before, after Window) {
	last := end
	if last == "" || last > today {
		last = today
	}
	after = Window{From: start, To: last}
	n := after.Days()
	if n == 0 {
		return Window{From: start, To: start.AddDays(-1)}, after
	}
	return Window{From: start.AddDays(-n), To: start.AddDays(-1)}, after
}

// Count is the side of a window from the sum of its tallies: No's whose
// primary reason is one of watch, among all of them.
func Count(t *tally.Day, watch []string) Side {
	c := 0
	for _, w := range watch {
		c += t.Reasons[w]
	}
	return NewSide(c, t.Nos)
}

// Report is one experiment with its counts and verdict, as `experiment
// list --json` prints it. BeforeWindow and AfterWindow say which days were
// compared (not in the JSON, whose keys are fixed).
type Report struct {
	ID           uint64       `json:"id"`
	Name         string       `json:"name"`
	Watch        []string     `json:"watch"`
	Start        journal.Day  `json:"start"`
	End          *journal.Day `json:"end"`
	Before       Side         `json:"before"`
	After        Side         `json:"after"`
	Verdict      Verdict      `json:"verdict"`
	BeforeWindow Window       `json:"-"`
	AfterWindow  Window       `json:"-"`
}

// Running reports whether the experiment has not ended.
func (r *Report) Running() bool { return r.End == nil }

// Judge fills r's verdict from its sides.
func (r *Report) Judge() { r.Verdict = Judge(r.Before, r.After) }
