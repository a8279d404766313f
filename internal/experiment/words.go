package experiment

import (
	"fmt"
	"math"
	"strings"

	"github.com/rebound-coach/rebound/internal/words"
)

// Percent is a share as a whole percentage ("43%").
func Percent(share float64) string { return fmt.Sprintf("%d%%", int(math.Round(100*share))) }

// SideLine is a window's counts in words: "9 of 21 No's (43%)".
func SideLine(s Side) string {
	if s.Total == 0 {
		return "no No's"
	}
	return fmt.Sprintf("%d of %s (%s)", s.Count, words.Count(s.Total, "No", "No's"), Percent(s.Share))
}

// Says is the verdict in a sentence, with the counts it rests on; never
// a forecast.
func (r *Report) Says() string {
	b, a := r.Before, r.After
	switch r.Verdict {
	case TooEarly:
		return fmt.Sprintf("too early to tell: each side needs %d No's (before %d, during %d)", MinNos, b.Total, a.Total)
	case Helping:
		return fmt.Sprintf("helping: the watched reasons fell from %s to %s, more than chance explains (95%%)", Percent(b.Share), Percent(a.Share))
	case Hurting:
		return fmt.Sprintf("hurting: the watched reasons rose from %s to %s, more than chance explains (95%%)", Percent(b.Share), Percent(a.Share))
	}
	return fmt.Sprintf("no change that stands out from chance (%s before, %s during)", Percent(b.Share), Percent(a.Share))
}

// Short is the verdict with its counts in a few words, for home:
// "helping: 10 of 20 → 2 of 20", "too early: 4 No's before, 7 since (10 each)".
func (r *Report) Short() string {
	b, a := r.Before, r.After
	if r.Verdict == TooEarly {
		return fmt.Sprintf("too early: %s before, %d since (%d each)", words.Count(b.Total, "No", "No's"), a.Total, MinNos)
	}
	word := map[Verdict]string{Helping: "helping", Hurting: "hurting", NoChange: "no clear change"}[r.Verdict]
	return fmt.Sprintf("%s: %d of %d → %d of %d", word, b.Count, b.Total, a.Count, a.Total)
}

// Lines are the experiment in a few lines (insights, experiment list):
// its name and state, the two windows with their counts, the verdict.
func (r *Report) Lines() []string {
	state := "running"
	if r.End != nil {
		state = "ended " + string(*r.End)
	}
	return []string{
		fmt.Sprintf("#%d %s — watching %s · from %s, %s", r.ID, r.Name, strings.Join(r.Watch, ", "), r.Start, state),
		fmt.Sprintf("  before (%s to %s): %s", r.BeforeWindow.From, r.BeforeWindow.To, SideLine(r.Before)),
		fmt.Sprintf("  during (%s to %s): %s", r.AfterWindow.From, r.AfterWindow.To, SideLine(r.After)),
		"  " + r.Says(),
	}
}
