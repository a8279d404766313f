package insights

// The `--json` shape of Thinking: its keys sit at the top level of the
// report, beside reasons and kinds. Lists are never null.

type thinkingJSON struct {
	ThoughtRecords thoughtRecordsJSON `json:"thought_records"`
	Traps          []trapJSON         `json:"traps"`
	StingDrop      stingJSON          `json:"sting_drop"`
	Referrals      referralsJSON      `json:"referrals"`
	Stages         stagesJSON         `json:"stages"`
	Mistakes       mistakesJSON       `json:"mistakes"`
	Prepared       preparedJSON       `json:"prepared"`
	Drivers        []driverJSON       `json:"decision_drivers"`
	Intentions     intentionsJSON     `json:"intentions_kept"`
}

type thoughtRecordsJSON struct {
	Reframes     int  `json:"reframes"`
	WithRecord   int  `json:"with_record"`
	PrevReframes *int `json:"previous_reframes,omitempty"`
}

type trapJSON struct {
	Trap   string `json:"trap"`
	Label  string `json:"label"`
	Count  int    `json:"count"`
	Of     int    `json:"of"`
	Prev   *int   `json:"prev,omitempty"`
	PrevOf *int   `json:"prev_of,omitempty"`
	Change *int   `json:"change,omitempty"`
}

type stingSideJSON struct {
	Reframes    int      `json:"reframes"`
	AverageDrop *float64 `json:"average_drop"` // null until Shown
	Eased       int      `json:"eased"`
}

type stingJSON struct {
	MinEach   int           `json:"min_each"`
	EasedBy   int           `json:"eased_by"`
	Shown     bool          `json:"shown"`
	With      stingSideJSON `json:"with_record"`
	Without   stingSideJSON `json:"without_record"`
	P         *float64      `json:"p"` // null until Shown
	StandsOut bool          `json:"stands_out"`
}

type referralsJSON struct {
	Asked int `json:"asked"`
	Given int `json:"given"`
	Yes   int `json:"yes"`
}

type stageJSON struct {
	Stage string `json:"stage"`
	countJSON
}

type stagesJSON struct {
	Of        int         `json:"of"`
	Top       string      `json:"top,omitempty"`
	TopCount  int         `json:"top_count"`
	AtOrLater int         `json:"at_or_later"`
	Counts    []stageJSON `json:"counts"`
}

type mistakeJSON struct {
	Mistake string `json:"mistake"`
	countJSON
}

type mistakesJSON struct {
	Of     int           `json:"of"`
	Counts []mistakeJSON `json:"counts"`
}

type preparedJSON struct {
	Nos  int        `json:"nos"`
	Said []saidJSON `json:"said"`
}

type driverJSON struct {
	Reason    string `json:"reason"`
	Label     string `json:"label"`
	Primary   int    `json:"primary"`
	Secondary int    `json:"secondary"`
	Total     int    `json:"total"`
}

type intentionsJSON struct {
	Yes    int `json:"yes"`
	Partly int `json:"partly"`
	NotYet int `json:"not_yet"`
	Total  int `json:"total"`
}

func (t Thinking) toJSON() thinkingJSON {
	j := thinkingJSON{
		ThoughtRecords: thoughtRecordsJSON{Reframes: t.Reframes, WithRecord: t.ThoughtRecords},
		Traps:          make([]trapJSON, 0, len(t.Traps)),
		Referrals:      referralsJSON(t.Referrals),
		Stages:         stagesJSON{Of: t.Stages.Of, Top: t.Stages.Top, TopCount: t.Stages.TopCount, AtOrLater: t.Stages.AtOrLater, Counts: make([]stageJSON, 0, len(t.Stages.Items))},
		Mistakes:       mistakesJSON{Of: t.MistakesOf, Counts: make([]mistakeJSON, 0, len(t.Mistakes))},
		Prepared:       preparedJSON{Nos: t.PreparedNos, Said: make([]saidJSON, 0, len(t.Prepared))},
		Drivers:        make([]driverJSON, 0, len(t.Drivers)),
		Intentions:     intentionsJSON{Yes: t.Intentions.Yes, Partly: t.Intentions.Partly, NotYet: t.Intentions.NotYet, Total: t.Intentions.Total()},
	}
	if t.Compared {
		j.ThoughtRecords.PrevReframes = &t.PrevReframes
	}
	for _, tr := range t.Traps {
		x := trapJSON{Trap: tr.ID, Label: tr.Label, Count: tr.Count, Of: t.Reframes}
		if t.Compared {
			prev, of, change := tr.Prev, t.PrevReframes, tr.Count-tr.Prev
			x.Prev, x.PrevOf, x.Change = &prev, &of, &change
		}
		j.Traps = append(j.Traps, x)
	}
	s := t.Sting
	j.StingDrop = stingJSON{MinEach: MinSting, EasedBy: EasedBy, Shown: s.Shown, StandsOut: s.StandsOut,
		With:    stingSideJSON{Reframes: s.With.N, Eased: s.With.Eased},
		Without: stingSideJSON{Reframes: s.Without.N, Eased: s.Without.Eased}}
	if s.Shown {
		p := s.P
		j.StingDrop.P, j.StingDrop.With.AverageDrop, j.StingDrop.Without.AverageDrop = &p, s.With.Drop, s.Without.Drop
	}
	for _, c := range t.Stages.Items {
		j.Stages.Counts = append(j.Stages.Counts, stageJSON{Stage: c.ID, countJSON: toCountJSON(c)})
	}
	for _, c := range t.Mistakes {
		j.Mistakes.Counts = append(j.Mistakes.Counts, mistakeJSON{Mistake: c.ID, countJSON: toCountJSON(c)})
	}
	for _, p := range t.Prepared {
		j.Prepared.Said = append(j.Prepared.Said, saidJSON(p))
	}
	for _, d := range t.Drivers {
		j.Drivers = append(j.Drivers, driverJSON{Reason: d.ID, Label: d.Label, Primary: d.Primary, Secondary: d.Secondary, Total: d.Total()})
	}
	return j
}
