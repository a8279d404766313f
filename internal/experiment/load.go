package experiment

import (
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Source is what Load reads: the experiments, and the No's by reason over
// spans of days (the store: a few tallies a span, never the No's).
type Source interface {
	Experiments(mode string) ([]journal.Experiment, error)
	ReasonTotals(mode string, spans [][2]journal.Day) ([]tally.Day, error)
}

// Load reports the experiments of mode, oldest first (only the running
// ones with running), each with its two windows counted and judged as of
// today. It reads the experiments once and the tallies of every window in
// one more read.
func Load(src Source, mode string, today journal.Day, running bool) ([]Report, error) {
	all, err := src.Experiments(mode)
	if err != nil {
		return nil, err
	}
	var out []Report
	var spans [][2]journal.Day
	for _, e := range all {
		if running && !e.Running() {
			continue
		}
		r := Report{ID: e.ID, Name: e.Name, Watch: e.Watch, Start: e.Start}
		if !e.Running() {
			end := e.End
			r.End = &end
		}
		r.BeforeWindow, r.AfterWindow = Windows(e.Start, e.End, today)
		out = append(out, r)
		spans = append(spans, [2]journal.Day{r.BeforeWindow.From, r.BeforeWindow.To}, [2]journal.Day{r.AfterWindow.From, r.AfterWindow.To})
	}
	if len(out) == 0 {
		return nil, nil
	}
	sums, err := src.ReasonTotals(mode, spans)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Before = Count(&sums[2*i], out[i].Watch)
		out[i].After = Count(&sums[2*i+1], out[i].Watch)
		out[i].Judge()
	}
	return out, nil
}
