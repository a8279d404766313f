package homeview

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// runningLine is home's line about the newest running experiment of the
// mode: its name, and its day and verdict with counts (rest).
type runningLine struct{ name, rest string }

// runningExperiment reads the newest running experiment of the mode (the
// zero line when none runs): one read of the experiments, and one of a
// few tallies when one runs.
func runningExperiment(st experiment.Source, mode string, today journal.Day) (runningLine, error) {
	if mode == "" {
		return runningLine{}, nil
	}
	rs, err := experiment.Load(st, mode, today, true)
	if err != nil || len(rs) == 0 {
		return runningLine{}, err
	}
	r := rs[len(rs)-1] // the newest started
	rest := fmt.Sprintf(" · day %d · %s", r.AfterWindow.Days(), r.Short())
	if more := len(rs) - 1; more > 0 {
		rest += fmt.Sprintf(" · %d more in insights", more)
	}
	return runningLine{name: textsafe.Inline(r.Name), rest: rest}, nil
}

// experimentLine is "Experiment — “…” · day 12 · helping: …" on one line:
// a long name is cut so that the verdict and its counts stay whole.
func (m *Model) experimentLine(w int) string {
	e := m.g.experiment
	if e.name == "" {
		return ""
	}
	st := m.ctx.Styles
	const label = "Experiment — "
	room := w - ansi.StringWidth(label) - ansi.StringWidth(e.rest) - 2 // the quotes
	name := textsafe.Truncate(e.name, max(8, room))
	return ansi.Truncate(st.Muted.Render(label)+st.Text.Render("“"+name+"”"+e.rest), w, "…")
}
