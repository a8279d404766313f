package logview

import (
	"slices"
	"strings"

	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// The questions a mode adds to the form, each optional: the stage the No
// came at (sales, job), the other decision drivers (sales), and school's
// exam wrapper — how I prepared, the kind of mistake, what I will do
// differently (kept as the lesson). A mode asks only what its file lists.

// modeValues are the answers to the mode's own questions.
type modeValues struct {
	Stage, Prepared, Mistake, Lesson string
	Secondary                        []string
}

// modeValuesOf is what n holds of them.
func modeValuesOf(n journal.No) modeValues {
	return modeValues{Stage: n.Stage, Prepared: n.Prepared, Mistake: n.Mistake, Lesson: n.Lesson,
		Secondary: slices.Clone(n.SecondaryReasons)}
}

// asks reports which of the mode's questions the form asks.
type asks struct{ stage, secondary, prepared, mistake, lesson bool }

func asksOf(md *coach.Mode) asks {
	q := md.Questions
	return asks{
		stage:     len(md.Stages) > 0,
		secondary: q.SecondaryReasons != "",
		prepared:  q.Prepared != "" && len(md.Mistakes) > 0,
		mistake:   len(md.Mistakes) > 0,
		lesson:    q.Differently != "",
	}
}

// modeHints are the hints of the mode's questions, by key.
func modeHints(md *coach.Mode, standalone bool) map[string]string {
	h := map[string]string{
		"stage":             "Optional: where it ended. The highlighted stage is explained here.",
		"secondary_reasons": "Optional: what else weighed, besides the reason above. space or x picks.",
		"prepared":          "Optional: what you did to get ready, and when.",
		"mistake":           "Optional: the kind that cost the most. The highlighted kind is explained here.",
		"lesson":            "Optional: one thing you will change next time.",
	}
	if standalone {
		h["stage"] = "Optional: where it ended. Each stage comes with what it covers."
		h["secondary_reasons"] = "Optional: what else weighed, besides the reason. Type a number to pick or unpick it, 0 when done."
		h["mistake"] = "Optional: the kind that cost the most. Each kind comes with what it covers."
	}
	return h
}

// modeFields are the mode's questions over m.vals.Mode: those asked after
// the reason, and the exam wrapper, asked before the follow-up.
func (m *Model) modeFields() (fields []huh.Field, after []huh.Field) {
	md := m.mode()
	a := asksOf(md)
	hint := modeHints(md, m.standalone)
	v := &m.vals.Mode
	if a.secondary {
		fields = append(fields, m.secondarySelect(md, hint["secondary_reasons"]))
	}
	if a.stage {
		fields = append(fields, m.choiceSelect("stage", md.Questions.Stage, md.Stages, &v.Stage, hint["stage"]))
	}
	if a.prepared {
		after = append(after, huh.NewInput().Key("prepared").Title(md.Questions.Prepared).
			Description(hint["prepared"]).CharLimit(journal.MaxField).Value(&v.Prepared))
	}
	if a.mistake {
		after = append(after, m.choiceSelect("mistake", md.Questions.Mistake, md.Mistakes, &v.Mistake, hint["mistake"]))
	}
	if a.lesson {
		after = append(after, huh.NewInput().Key("lesson").Title(md.Questions.Differently).
			Description(hint["lesson"]).CharLimit(journal.MaxField).Value(&v.Lesson))
	}
	return fields, after
}

// choiceSelect asks for one of cs (a stage, a kind of mistake), or none.
// On screen the hint follows the highlighted choice (read through an
// atomic copy: huh runs a DescriptionFunc in a command goroutine); as an
// accessible prompt each option carries its hint and the value is bound by
// pointer, so an empty answer keeps it.
func (m *Model) choiceSelect(key, title string, cs []coach.Choice, p *string, hint string) *huh.Select[string] {
	opts := []huh.Option[string]{huh.NewOption("(skip)", "")}
	for _, c := range cs {
		label := c.Label
		if m.standalone && c.Hint != "" {
			label += " — " + c.Hint
		}
		opts = append(opts, huh.NewOption(label, c.ID))
	}
	sel := huh.NewSelect[string]().Key(key).Title(title)
	if m.standalone {
		return sel.Description(hint).Options(opts...).Value(p)
	}
	cur := common.NewSyncString(p)
	desc := func() string {
		id := cur.Load()
		for _, c := range cs {
			if c.ID == id && c.Hint != "" {
				return c.Hint
			}
		}
		return hint
	}
	return sel.Description(desc()).DescriptionFunc(desc, p).Options(opts...).Accessor(cur)
}

// secondaryOptions are the mode's reasons less the primary one.
func secondaryOptions(md *coach.Mode, primary string, standalone bool) []huh.Option[string] {
	opts := make([]huh.Option[string], 0, len(md.Reasons))
	for _, r := range md.Reasons {
		if r.ID == primary {
			continue
		}
		label := r.Label
		if standalone && r.Hint != "" {
			label += " — " + r.Hint
		}
		opts = append(opts, huh.NewOption(label, r.ID))
	}
	return opts
}

// secondarySelect asks for the other decision drivers, offered without
// the reason chosen above it. The options are set here and again by
// followReason when that reason changes, on the form's goroutine: huh's
// OptionsFunc loads them with a command, and a command of an update whose
// result is not run (a layout) would leave the list loading for good.
func (m *Model) secondarySelect(md *coach.Mode, hint string) *huh.MultiSelect[string] {
	ms := huh.NewMultiSelect[string]().Key("secondary_reasons").Title(md.Questions.SecondaryReasons).
		Description(hint).Limit(journal.MaxTags).Height(8).Value(&m.vals.Mode.Secondary).
		Options(secondaryOptions(md, m.vals.Reason, m.standalone)...)
	m.secondary = secondaryField{ms: ms, primary: m.vals.Reason}
	return ms
}

// secondaryField is the form's other-reasons list and the reason its
// options leave out.
type secondaryField struct {
	ms      *huh.MultiSelect[string]
	primary string
}

// followReason offers the other reasons anew once the reason changed.
func (m *Model) followReason() {
	if m.secondary.ms == nil || m.secondary.primary == m.vals.Reason {
		return
	}
	m.secondary.primary = m.vals.Reason
	m.secondary.ms.Options(secondaryOptions(m.mode(), m.vals.Reason, m.standalone)...)
}

// apply sets the mode's answers on n; a question the mode does not ask
// leaves its field as it is.
func (v modeValues) apply(n *journal.No, a asks, primary string) {
	if a.stage {
		n.Stage = v.Stage
	}
	if a.mistake {
		n.Mistake = v.Mistake
	}
	if a.prepared {
		n.Prepared = strings.TrimSpace(v.Prepared)
	}
	if a.lesson {
		n.Lesson = strings.TrimSpace(v.Lesson)
	}
	if a.secondary {
		// The primary reason is never also a secondary one.
		n.SecondaryReasons = slices.DeleteFunc(slices.Clone(v.Secondary), func(id string) bool { return id == primary || id == "" })
		if len(n.SecondaryReasons) == 0 {
			n.SecondaryReasons = nil
		}
	}
}

// changed reports answers that differ from n's.
func (v modeValues) changed(n journal.No) bool {
	return v.Stage != n.Stage || v.Prepared != n.Prepared || v.Mistake != n.Mistake || v.Lesson != n.Lesson ||
		!slices.Equal(v.Secondary, n.SecondaryReasons) && len(v.Secondary)+len(n.SecondaryReasons) > 0
}

// typed reports answers given on a new No.
func (v modeValues) typed() bool {
	return strings.TrimSpace(v.Stage+v.Prepared+v.Mistake+v.Lesson) != "" || len(v.Secondary) > 0
}
