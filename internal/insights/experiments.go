package insights

import "github.com/rebound-coach/rebound/internal/experiment"

// Experiments are shown whatever the period: each compares its own two
// windows (experiment.Windows), loaded beside the report by
// progress.Insights. In --json they are the top-level key "experiments",
// each as `experiment list --json` prints it.

type experimentsJSON struct {
	Experiments []experiment.Report `json:"experiments"`
}

func experimentsToJSON(rs []experiment.Report) experimentsJSON {
	if rs == nil {
		rs = []experiment.Report{}
	}
	return experimentsJSON{Experiments: rs}
}
