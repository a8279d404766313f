package demo

import (
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// experimentIdeas are, per mode, two changes a user would try and the
// reasons each should make rarer: the first ran earlier and ended, the
// second runs now.
var experimentIdeas = map[string][2]journal.Experiment{
	"sales": {
		{Name: "Send the case study before the call", Watch: []string{"trust", "misunderstood"}},
		{Name: "Lead with ROI", Watch: []string{"price", "budget"}},
	},
	"job": {
		{Name: "Ask about the team in the first call", Watch: []string{"fit"}},
		{Name: "Open with the project I shipped", Watch: []string{"experience", "skills"}},
	},
	"school": {
		{Name: "Outline before writing", Watch: []string{"structure", "argument"}},
		{Name: "Check the brief twice", Watch: []string{"instructions", "expectations"}},
	},
	"personal": {
		{Name: "Ask a week ahead", Watch: []string{"busy", "other-plans"}},
		{Name: "Suggest something small first", Watch: []string{"energy", "not-interested"}},
	},
}

// Experiments are the demo's experiments for mode, within the days the
// demo spans up to today: one that ran for 45 days and ended (when the
// journal is long enough to have a window before it), and one running
// for the last 30 days (less in a short journal). Their counts come from
// the demo's No's, whatever they say: nothing is arranged to look good.
func Experiments(mode string, today journal.Day, days int) []journal.Experiment {
	ideas, ok := experimentIdeas[mode]
	if !ok || days < 2 {
		return nil
	}
	var out []journal.Experiment
	if days >= 200 {
		e := ideas[0]
		e.Mode, e.Start, e.End = mode, today.AddDays(-150), today.AddDays(-106)
		out = append(out, e)
	}
	e := ideas[1]
	e.Mode, e.Start = mode, today.AddDays(-min(29, days/2))
	out = append(out, e)
	for i := range out {
		out[i].Watch = append([]string(nil), out[i].Watch...)
		out[i].CreatedAt = out[i].Start.Time(time.UTC)
	}
	return out
}
