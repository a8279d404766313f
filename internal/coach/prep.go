package coach

import (
	"strings"
	"unicode/utf8"
)

// Prep is the prep card's content for a mode: the research to do in the
// 10–15 minutes before reaching out again, and the opening line. The
// openings are text/templates over {{.Who}} and {{.Condition}} (their
// answer to the turnaround question): Opening while the condition is not
// marked met, OpeningMet once it is, OpeningNone when they gave none.
type Prep struct {
	Checklist   []string `json:"checklist"`
	Opening     string   `json:"opening"`
	OpeningMet  string   `json:"opening_met"`
	OpeningNone string   `json:"opening_none"`
}

// prepData is what an opening template sees.
type prepData struct{ Who, Condition string }

// PrepChecklistMin and PrepChecklistMax bound a mode's checklist: about
// two minutes a step makes the 10–15 minutes the card promises.
const (
	PrepChecklistMin = 4
	PrepChecklistMax = 8
	// PrepStepMax keeps each step on one line of the card at 80 columns.
	PrepStepMax = 64
)

// Opening is the line to open with, naming their condition when they gave
// one. Values are inserted as they are, never run as template code.
func (m *Mode) Opening(who, condition string, met bool) string {
	d := prepData{Who: strings.TrimSpace(who), Condition: strings.TrimSpace(condition)}
	tmpl := m.Prep.OpeningNone
	switch {
	case d.Condition != "" && met:
		tmpl = m.Prep.OpeningMet
	case d.Condition != "":
		tmpl = m.Prep.Opening
	}
	s, err := render(tmpl, d)
	if err != nil {
		return tmpl // only a Mode built by hand; loaded modes are checked
	}
	return s
}

// validatePrep checks the prep content: a checklist of the right length,
// and three openings whose templates run.
func (m *Mode) validatePrep(bad func(string, ...any)) {
	p := m.Prep
	if n := len(p.Checklist); n < PrepChecklistMin || n > PrepChecklistMax {
		bad("prep.checklist has %d steps; give %d to %d (10–15 minutes)", n, PrepChecklistMin, PrepChecklistMax)
	}
	for i, s := range p.Checklist {
		switch {
		case strings.TrimSpace(s) == "":
			bad("prep.checklist[%d] is empty", i)
		case utf8.RuneCountInString(s) > PrepStepMax:
			bad("prep.checklist[%d] has %d characters; keep a step to %d so it fits one line at 80 columns", i, utf8.RuneCountInString(s), PrepStepMax)
		}
	}
	for name, t := range map[string]string{"opening": p.Opening, "opening_met": p.OpeningMet, "opening_none": p.OpeningNone} {
		if strings.TrimSpace(t) == "" {
			bad("prep.%s is empty", name)
			continue
		}
		if err := checkTemplate(t, prepData{Who: "Acme", Condition: "A pilot"}); err != nil {
			bad("prep.%s: %v", name, err)
		}
	}
	if !strings.Contains(p.Opening, "{{.Condition}}") || !strings.Contains(p.OpeningMet, "{{.Condition}}") {
		bad("prep.opening and prep.opening_met must name their condition ({{.Condition}})")
	}
}
