package insights

import (
	"encoding/json"

	"github.com/rebound-coach/rebound/internal/journal"
)

// The JSON shape of `rebound insights --json` is a contract for scripts, so it
// is spelled out here rather than derived from the Go field names. Lists are
// never null.

type countJSON struct {
	Label  string  `json:"label"`
	Count  int     `json:"count"`
	Share  float64 `json:"share"`
	Prev   *int    `json:"prev,omitempty"`
	Change *int    `json:"change,omitempty"`
}

type reasonJSON struct {
	Reason string `json:"reason"`
	countJSON
}

type kindJSON struct {
	Kind string `json:"kind"`
	countJSON
}

type mismatchJSON struct {
	Assumed      string `json:"assumed"`
	Real         string `json:"real"`
	Count        int    `json:"count"`
	AssumedTimes int    `json:"assumed_times"`
	ActualTimes  int    `json:"actual_times"`
}

type competitorJSON struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Whys  []string `json:"whys"`
}

type turnaroundJSON struct {
	Reason          string   `json:"reason,omitempty"`
	Kind            string   `json:"kind,omitempty"`
	Label           string   `json:"label"`
	Nos             int      `json:"nos"`
	Turned          int      `json:"turned"`
	Rate            *float64 `json:"rate"` // null below MinForPatterns No's
	MedianDaysToYes *float64 `json:"median_days_to_yes"`
}

type weekJSON struct {
	Start         journal.Day `json:"start"`
	Nos           int         `json:"nos"`
	Reframed      int         `json:"reframed"`
	FeelingBefore *float64    `json:"feeling_before"`
	FeelingAfter  *float64    `json:"feeling_after"`
}

type suggestionJSON struct {
	ID      string  `json:"id"`
	Text    string  `json:"text"`
	Because string  `json:"because"`
	Count   int     `json:"count"`
	Total   int     `json:"total"`
	Share   float64 `json:"share"`
	// Chance (the share if reasons or kinds were spread evenly), PrevShare
	// and P are null for rules not compared with chance.
	Chance    *float64 `json:"chance"`
	PrevShare *float64 `json:"previous_share"`
	P         *float64 `json:"p"`
}

type reportJSON struct {
	Period              string           `json:"period"`
	From                journal.Day      `json:"from,omitempty"`
	To                  journal.Day      `json:"to"`
	Total               int              `json:"total"`
	Reframed            int              `json:"reframed"`
	PrevTotal           *int             `json:"previous_total,omitempty"`
	Enough              bool             `json:"enough"`
	Message             string           `json:"message,omitempty"`
	Reasons             []reasonJSON     `json:"reasons"`
	Kinds               []kindJSON       `json:"kinds"`
	Assumed             int              `json:"assumed"`
	Guessed             int              `json:"guessed"`
	Mismatched          int              `json:"mismatched"`
	AssumedMismatchRate *float64         `json:"assumed_mismatch_rate"`
	TopMismatch         *mismatchJSON    `json:"top_mismatch"`
	Competitors         []competitorJSON `json:"competitors"`
	Turned              int              `json:"turned"`
	TurnaroundRate      *float64         `json:"turnaround_rate"`
	Yeses               int              `json:"yeses"`
	MedianDaysToYes     *float64         `json:"median_days_to_yes"`
	ByReason            []turnaroundJSON `json:"turnaround_by_reason"`
	ByKind              []turnaroundJSON `json:"turnaround_by_kind"`
	FeelingBefore       *float64         `json:"feeling_before"`
	FeelingAfter        *float64         `json:"feeling_after"`
	Weeks               []weekJSON       `json:"weeks"`
	Suggestions         []suggestionJSON `json:"suggestions"`
	Debriefs            debriefsJSON     `json:"debriefs"`
	thinkingJSON                         // issue 17's keys, at the top level (thinkingjson.go)
	experimentsJSON                      // "experiments" (experiments.go)
}

type debriefsJSON struct {
	Nos     int          `json:"nos"`
	Reasons []reasonJSON `json:"reasons"`
	Said    []saidJSON   `json:"said"`
}

type saidJSON struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// shownRate is rate, or nil (null) when it rests on fewer than
// MinForPatterns No's: the counts beside it are what is known.
func shownRate(rate float64, n int) *float64 {
	if !RateShown(n) {
		return nil
	}
	return &rate
}

func toCountJSON(c Count) countJSON {
	j := countJSON{Label: c.Label, Count: c.Count, Share: c.Share}
	if c.Compared {
		j.Prev, j.Change = &c.Prev, &c.Change
	}
	return j
}

// MarshalJSON writes the report in the documented `--json` shape.
func (r Report) MarshalJSON() ([]byte, error) {
	j := reportJSON{
		Period: r.Period, From: r.From, To: r.To, Total: r.Total, Reframed: r.Reframed,
		Enough: r.Enough, Message: r.Message,
		Reasons: make([]reasonJSON, 0, len(r.Reasons)),
		Kinds:   make([]kindJSON, 0, len(r.Kinds)),
		Assumed: r.Assumed, Guessed: r.Guessed, Mismatched: r.Mismatched,
		AssumedMismatchRate: shownRate(r.AssumedMismatchRate, r.Assumed-r.Guessed),
		Competitors:         make([]competitorJSON, 0, len(r.Competitors)),
		Turned:              r.Turned, TurnaroundRate: shownRate(r.TurnaroundRate, r.Total),
		Yeses: r.Yeses, MedianDaysToYes: r.MedianDaysToYes,
		ByReason:      make([]turnaroundJSON, 0, len(r.ByReason)),
		ByKind:        make([]turnaroundJSON, 0, len(r.ByKind)),
		FeelingBefore: r.FeelingBefore, FeelingAfter: r.FeelingAfter,
		Weeks:       make([]weekJSON, 0, len(r.Weeks)),
		Suggestions: make([]suggestionJSON, 0, len(r.Suggestions)),
	}
	if r.HasPrevious {
		j.PrevTotal = &r.PrevTotal
	}
	for _, c := range r.Reasons {
		j.Reasons = append(j.Reasons, reasonJSON{Reason: c.ID, countJSON: toCountJSON(c)})
	}
	for _, c := range r.Kinds {
		j.Kinds = append(j.Kinds, kindJSON{Kind: c.ID, countJSON: toCountJSON(c)})
	}
	if m := r.TopMismatch; m != nil {
		j.TopMismatch = &mismatchJSON{m.Assumed, m.Real, m.Count, m.AssumedTimes, m.ActualTimes}
	}
	for _, c := range r.Competitors {
		whys := c.Whys
		if whys == nil {
			whys = []string{}
		}
		j.Competitors = append(j.Competitors, competitorJSON{c.Name, c.Count, whys})
	}
	for _, t := range r.ByReason {
		j.ByReason = append(j.ByReason, turnaroundJSON{Reason: t.ID, Label: t.Label, Nos: t.Nos, Turned: t.Turned, Rate: shownRate(t.Rate, t.Nos), MedianDaysToYes: t.MedianDaysToYes})
	}
	for _, t := range r.ByKind {
		j.ByKind = append(j.ByKind, turnaroundJSON{Kind: t.ID, Label: t.Label, Nos: t.Nos, Turned: t.Turned, Rate: shownRate(t.Rate, t.Nos), MedianDaysToYes: t.MedianDaysToYes})
	}
	for i, w := range r.Weeks {
		wj := weekJSON{Start: w.Start, Nos: w.Nos, Reframed: w.Reframed}
		if i < len(r.FeelingTrend) {
			wj.FeelingBefore, wj.FeelingAfter = r.FeelingTrend[i].Before, r.FeelingTrend[i].After
		}
		j.Weeks = append(j.Weeks, wj)
	}
	for _, s := range r.Suggestions {
		sj := suggestionJSON{ID: s.ID, Text: s.Text, Because: s.Because, Count: s.Count, Total: s.Total,
			Share: s.Share, Chance: s.Chance, PrevShare: s.Prev}
		if s.Chance != nil {
			sj.P = &s.P
		}
		j.Suggestions = append(j.Suggestions, sj)
	}
	j.thinkingJSON = r.Thinking.toJSON()
	j.experimentsJSON = experimentsToJSON(r.Experiments)
	j.Debriefs = debriefsJSON{Nos: r.Debriefs.Nos, Reasons: make([]reasonJSON, 0, len(r.Debriefs.ByReason)), Said: make([]saidJSON, 0, len(r.Debriefs.Said))}
	for _, c := range r.Debriefs.ByReason {
		j.Debriefs.Reasons = append(j.Debriefs.Reasons, reasonJSON{Reason: c.ID, countJSON: toCountJSON(c)})
	}
	for _, s := range r.Debriefs.Said {
		j.Debriefs.Said = append(j.Debriefs.Said, saidJSON(s))
	}
	return json.Marshal(j)
}
