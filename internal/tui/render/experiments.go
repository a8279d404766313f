package render

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/insights"
)

// experiments is the Experiments section: each of the mode's experiments
// with its two windows' counts and what the test says, whatever the
// period (each has its own windows); none without experiments (the
// screen's x key and `rebound experiment start` begin one).
func experiments(r insights.Report, w int, st Styles) string {
	if len(r.Experiments) == 0 {
		return ""
	}
	var out []string
	for _, e := range r.Experiments {
		lines := e.Lines()
		out = append(out, wrap(strings.TrimSpace(lines[0]), w, indent, indent+"  ", st.Label))
		for _, l := range lines[1 : len(lines)-1] {
			out = append(out, wrap(strings.TrimSpace(l), w, indent+"  ", indent+"    ", st.Muted))
		}
		out = append(out, wrap(strings.TrimSpace(lines[len(lines)-1]), w, indent+"  ", indent+"    ", verdictStyle(e.Verdict, st)))
	}
	return strings.Join(out, "\n")
}

func verdictStyle(v experiment.Verdict, st Styles) lipgloss.Style {
	switch v {
	case experiment.Helping:
		return st.Good
	case experiment.Hurting:
		return st.Warn
	}
	return st.Accent
}
