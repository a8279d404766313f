package homeview

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// runningExperiment is home's line about the newest running experiment
// of the mode ("" when none runs): one read of the experiments, and one
// of a few tallies when one runs.
func runningExperiment(st experiment.Source, mode string, today journal.Day) (string, error) {
	if mode == "" {
		return "", nil
	}
	rs, err := experiment.Load(st, mode, today, true)
	if err != nil || len(rs) == 0 {
		return "", err
	}
	r := rs[len(rs)-1] // the newest started
	line := fmt.Sprintf("“%s” · day %d · %s", textsafe.Inline(r.Name), r.AfterWindow.Days(), r.Short())
	if more := len(rs) - 1; more > 0 {
		line += fmt.Sprintf(" · %d more in insights", more)
	}
	return line, nil
}

// experimentLine is "Experiment “…” · day 12 · helping: …" on one line.
func (m *Model) experimentLine(w int) string {
	if m.g.experiment == "" {
		return ""
	}
	st := m.ctx.Styles
	return ansi.Truncate(st.Muted.Render("Experiment ")+st.Text.Render(m.g.experiment), w, "…")
}
