package reframeview

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// The steps, 1-based as stored in No.ReframeStep. Between the two sting
// ratings, once the No's facts are down (their words, the kind of no, what
// would need to change), comes the thought record: the thought the No set
// off, the thinking traps it fits, and the evidence each way with a more
// balanced way to put it. It is optional (one key skips all of it) and
// never changes what counts as reframed.
const (
	stepSaid = iota + 1
	stepReason
	stepKind
	stepTurnaround
	stepAlternative
	stepThought
	stepTraps
	stepEvidence
	stepReframe
	numSteps = stepReframe

	// Steps is how many steps the flow has.
	Steps = numSteps
)

// stepNames are the short names shown in the step indicator.
var stepNames = [numSteps + 1]string{
	stepSaid:        "What they said",
	stepReason:      "The real reason",
	stepKind:        "Kind of no",
	stepTurnaround:  "The turnaround",
	stepAlternative: "The alternative",
	stepThought:     "Your thought",
	stepTraps:       "Thinking traps",
	stepEvidence:    "The evidence",
	stepReframe:     "Your reframe",
}

// inThoughtRecord: step is one of the thought record's, which the skip key
// leaves all at once.
func inThoughtRecord(step int) bool { return step >= stepThought && step <= stepEvidence }

// feelingOptions are the sting's 1–5 answers and "skip" (0, not
// answered): first on screen, where ←/→ moves from it; last when spelled
// out as a numbered list (accessible mode), so typing 3 picks "3 — it hurt".
func feelingOptions(spelled bool) []huh.Option[int] {
	opts := make([]huh.Option[int], 0, 6)
	for n := 1; n <= 5; n++ {
		opts = append(opts, huh.NewOption(journal.StingLabel(n), n))
	}
	if spelled {
		return append(opts, huh.NewOption("skip — leave it blank", 0))
	}
	return append([]huh.Option[int]{huh.NewOption("— skip", 0)}, opts...)
}

// stingHint says the sting's direction (the daily mood runs the other way).
const stingHint = journal.StingScale + " · ←/→ to choose."

// reasonOptions lists the mode's reasons after "(not sure yet)"; a stored
// id the mode does not know (a No from another mode) stays selectable so
// it is not wiped by opening the form. spelled puts each reason's hint in
// its label, for accessible prompts, which print no descriptions.
func reasonOptions(mode *coach.Mode, current string, spelled bool) []huh.Option[string] {
	opts := []huh.Option[string]{huh.NewOption("(not sure yet)", "")}
	found := current == ""
	for _, r := range mode.Reasons {
		label := r.Label
		if spelled && r.Hint != "" {
			label += " — " + r.Hint
		}
		opts = append(opts, huh.NewOption(label, r.ID))
		found = found || r.ID == current
	}
	if !found {
		opts = append(opts, huh.NewOption(textsafe.Inline(current)+" (from another mode)", current))
	}
	return opts
}

// kindOptions shows every kind with its one-line explanation, so the user
// learns the difference while choosing.
func kindOptions(mode *coach.Mode, width int) []huh.Option[string] {
	opts := []huh.Option[string]{huh.NewOption("(not sure yet)", "")}
	kinds := mode.Kinds
	if len(kinds) == 0 {
		for _, k := range journal.Kinds {
			kinds = append(kinds, coach.KindInfo{Kind: k, Label: string(k)})
		}
	}
	labelW := 0
	for _, k := range kinds {
		labelW = max(labelW, textsafe.Width(k.Label))
	}
	room := width - labelW - 8 // the form's bar, the cursor and the gap
	for _, k := range kinds {
		key := textsafe.Inline(k.Label)
		if k.Explain != "" && room >= 16 {
			// One line each; the highlighted one is spelled out under the list.
			key = textsafe.PadRight(k.Label, labelW) + "  " + textsafe.Truncate(k.Explain, room)
		}
		opts = append(opts, huh.NewOption(key, string(k.Kind)))
	}
	return opts
}

// AskWhy is the mode's ask-why questions as one line: the first to ask,
// and the second ("Can you share what influenced your decision?") as
// another way in when the first meets a polite non-answer.
func AskWhy(q coach.Questions) string {
	switch len(q.AskWhy) {
	case 0:
		return `Ask them: "Can you share why you won't move forward?"`
	case 1:
		return fmt.Sprintf("Ask them: %q", q.AskWhy[0])
	}
	return fmt.Sprintf("Ask them: %q — or: %q", q.AskWhy[0], q.AskWhy[1])
}

// ReasonHint explains reason id in the mode's words ("The money is not
// there this quarter"), shown under the list while choosing.
func ReasonHint(mode *coach.Mode, id string) string {
	if r, ok := mode.Reason(id); ok && r.Hint != "" {
		return r.Hint
	}
	return "The highlighted reason is explained here; / filters the list."
}

// hints are the fields' help lines by key, the same on the screen (as
// descriptions) and in accessible prompts (said before each question).
func (m *Model) hints() map[string]string {
	q := m.mode().Questions
	choose := "←/→ to choose."
	if m.spelled {
		choose = "Choose one."
	}
	return map[string]string{
		"said":             "Their words, as close as you remember them.",
		"reason_text":      AskWhy(q),
		"change":           "Ask them this, then write their answer here.",
		"competitor":       orDefault(q.CompetitorHint, "What they chose instead; leave it empty if nothing or you don't know."),
		"lesson":           "And what will you do differently next time?",
		"referral_asked":   "A no to this can still be a yes to a different question. " + choose,
		"referral":         "Leave it empty if nobody (yet).",
		"thought":          thoughtHint(m.standalone),
		"traps":            trapsHint(m.spelled),
		"evidence_against": "Look at their words, the kind of no and what would need to change, above.",
	}
}

// thoughtHint: an empty thought skips the rest of the record, on screen
// (where ctrl+n does too, as the line above says) and in accessible mode
// (where no key reaches the prompt).
func thoughtHint(standalone bool) string {
	if standalone {
		return "In your own words, as it came. Optional, under a minute: an empty answer skips the whole thought record."
	}
	return "In your own words, as it came; left empty, enter skips the rest."
}

func trapsHint(spelled bool) string {
	if spelled {
		return "Type a trap's number to mark it (again to unmark it), 0 when done; none is fine."
	}
	return "x marks a trap (x again unmarks it); none is fine."
}

// referralTitle is the ask, in the mode's words, as a question to them.
func referralTitle(q coach.Questions) string {
	return fmt.Sprintf("Ask them: %q", orDefault(q.Referral, "Could you point me to someone this would fit?"))
}

// referralOptions: asked or not yet; "not yet" first so ←/→ moves to "asked".
func referralOptions(spelled bool) []huh.Option[bool] {
	if spelled {
		return []huh.Option[bool]{huh.NewOption("Yes, I asked", true), huh.NewOption("Not yet", false)}
	}
	return []huh.Option[bool]{huh.NewOption("Not yet", false), huh.NewOption("Yes, I asked", true)}
}

// asksReferral: the kind of no chosen so far allows the referral ask (the
// mode file says which kinds do: never a final no in personal mode).
func (m *Model) asksReferral() bool {
	return m.mode().AsksReferral(journal.Kind(m.vals.Kind))
}

// trapOptions lists the mode's eight traps, each with its example of a
// thought that fits it, one line each (cut to width on screen; the
// highlighted one is spelled out under the list; in full when spelled).
func trapOptions(mode *coach.Mode, chosen []string, width int, spelled bool) []huh.Option[string] {
	nameW := 0
	for _, t := range mode.Traps {
		nameW = max(nameW, textsafe.Width(t.Name))
	}
	room := width - nameW - 10 // the form's bar, the cursor, the box and the gap
	opts := make([]huh.Option[string], 0, len(mode.Traps))
	for _, t := range mode.Traps {
		label := textsafe.Inline(t.Name)
		switch {
		case spelled:
			label += ` — "` + textsafe.Inline(t.Example) + `"`
		case room >= 16:
			label = textsafe.PadRight(t.Name, nameW) + "  " + textsafe.Truncate(t.Example, room)
		}
		opts = append(opts, huh.NewOption(label, t.ID).Selected(slices.Contains(chosen, t.ID)))
	}
	return opts
}

// fields builds the questions of one step over m.vals.
func (m *Model) fields(step int) []huh.Field {
	mode := m.mode()
	q := mode.Questions
	v := m.vals
	hint := m.hints()
	now := m.ctx.Now
	switch step {
	case stepSaid:
		return []huh.Field{
			huh.NewText().Key("said").Title(orDefault(q.Said, "What did they say, exactly?")).
				Description(hint["said"] + " " + formscreen.NewLineHint + ".").
				Lines(3).CharLimit(journal.MaxField).Value(&v.Said),
			huh.NewSelect[int]().Key("feeling").Title("How much did it sting?").
				Description(stingHint).
				Options(feelingOptions(m.spelled)...).Inline(true).Value(&v.Feeling),
		}
	case stepReason:
		reason := common.NewSyncString(&v.Reason)
		return []huh.Field{
			huh.NewSelect[string]().Key("assumed").Title(orDefault(q.Assumed, "What reason did you assume at first?")).
				Description("←/→ to choose.").
				Options(reasonOptions(mode, v.Assumed, m.spelled)...).Inline(true).Value(&v.Assumed),
			huh.NewInput().Key("reason_text").Title(orDefault(q.Real, "What was their real reason, in their words?")).
				Description(hint["reason_text"]).
				CharLimit(journal.MaxField).Value(&v.ReasonText),
			// huh runs a DescriptionFunc in a command goroutine: it reads the
			// reason through the accessor's copy, never v directly.
			m.reasonSelect(mode, v, reason),
		}
	case stepKind:
		return []huh.Field{
			huh.NewSelect[string]().Key("kind").Title(orDefault(q.Kind, "What kind of no was it?")).
				Options(kindOptions(mode, m.width)...).Value(&v.Kind),
		}
	case stepTurnaround:
		fs := []huh.Field{
			huh.NewInput().Key("change").Title(orDefault(q.Turnaround, "What would need to change for us to revisit this?")).
				Description(hint["change"]).
				CharLimit(journal.MaxField).Value(&v.Change),
		}
		if m.asksReferral() {
			fs = append(fs,
				huh.NewSelect[bool]().Key("referral_asked").Title(referralTitle(q)).
					Description(hint["referral_asked"]).
					Options(referralOptions(m.spelled)...).Inline(true).Value(&v.ReferralAsked),
				huh.NewInput().Key("referral").Title(orDefault(q.ReferralWho, "Who did they point you to?")).
					Description(hint["referral"]).
					CharLimit(journal.MaxField).Value(&v.Referral))
		}
		return fs
	case stepThought:
		return []huh.Field{
			huh.NewText().Key("thought").Title(orDefault(q.Thought, "What went through your mind?")).
				Description(hint["thought"]).
				Lines(2).CharLimit(journal.MaxField).Value(&v.Thought),
		}
	case stepTraps:
		m.traps = huh.NewMultiSelect[string]().Key("traps").Title(orDefault(q.Traps, "Which thinking traps does that thought fit?")).
			Description(hint["traps"]).Filterable(false).
			Options(trapOptions(mode, v.Traps, m.width, m.spelled)...).Height(len(mode.Traps) + 3).Value(&v.Traps)
		return []huh.Field{m.traps}
	case stepEvidence:
		return []huh.Field{
			huh.NewInput().Key("evidence_for").Title(orDefault(q.EvidenceFor, "What supports that thought?")).
				CharLimit(journal.MaxField).Value(&v.EvidenceFor),
			huh.NewInput().Key("evidence_against").Title(orDefault(q.EvidenceAgainst, "What doesn't?")).
				Description(hint["evidence_against"]).
				CharLimit(journal.MaxField).Value(&v.EvidenceAgainst),
			huh.NewInput().Key("balanced").Title(orDefault(q.Balanced, "A more balanced way to put it?")).
				CharLimit(journal.MaxField).Value(&v.Balanced),
		}
	case stepAlternative:
		return []huh.Field{
			huh.NewInput().Key("competitor").Title(orDefault(q.Competitor, "Did they choose something else instead? What?")).
				Description(hint["competitor"]).
				CharLimit(journal.MaxField).Value(&v.Competitor),
			huh.NewInput().Key("competitor_why").Title(orDefault(q.CompetitorWhy, "Why that choice, as far as you know?")).
				CharLimit(journal.MaxField).Value(&v.CompetitorWhy),
		}
	}
	return []huh.Field{
		huh.NewText().Key("lesson").Title(orDefault(q.Lesson, "What does this no teach you?")).
			Description(hint["lesson"]).
			Lines(2).CharLimit(journal.MaxField).Value(&v.Lesson),
		huh.NewInput().Key("next").Title(orDefault(q.Next, "What is your next step?")).
			CharLimit(journal.MaxField).Value(&v.Next),
		huh.NewInput().Key("follow_up").Title("Follow up on").
			Description(m.followUpHint()).
			Validate(func(s string) error {
				_, err := parseFollowUp(s, now())
				return err
			}).Value(&v.FollowUp),
		huh.NewSelect[int]().Key("feeling_after").Title("How much does it sting now?").
			Description(stingHint).
			Options(feelingOptions(m.spelled)...).Inline(true).Value(&v.FeelingAfter),
	}
}

// suggestFollowUp pre-fills an empty follow-up from the kind of no, once,
// in plain sight: the field says where the date came from.
// suggestFollowUp pre-fills the follow-up date by the one rule the
// follow-ups list uses too (followup.Suggest): the time they named, else
// the kind of no's usual wait, counted from the No's date.
func (m *Model) suggestFollowUp() {
	if m.suggested != "" || strings.TrimSpace(m.vals.FollowUp) != "" || m.no == nil {
		return
	}
	n := *m.no
	n.Kind = journal.Kind(m.vals.Kind)
	n.Said, n.ReasonText, n.Change = m.vals.Said, m.vals.ReasonText, m.vals.Change
	n.FollowUp = ""
	s, ok := followup.Suggest(m.mode(), n, m.ctx.Today(), m.ctx.Settings.Workweek())
	if !ok {
		return
	}
	m.vals.FollowUp = string(s.Day)
	m.suggested = "Suggested: " + s.Why + " — change or clear it."
}

// reasonSelect is "Which reason is closest?": on screen its hint follows
// the highlighted reason; as an accessible prompt it binds by pointer (the
// only binding huh keeps on an empty answer), each option with its hint.
func (m *Model) reasonSelect(mode *coach.Mode, v *values, reason *common.SyncString) *huh.Select[string] {
	sel := huh.NewSelect[string]().Key("reason").Title("Which reason is closest?").Description(ReasonHint(mode, v.Reason))
	if m.standalone {
		return sel.Options(reasonOptions(mode, v.Reason, m.spelled)...).Height(9).Value(&v.Reason)
	}
	return sel.DescriptionFunc(func() string { return ReasonHint(mode, reason.Load()) }, &v.Reason).
		Options(reasonOptions(mode, v.Reason, m.spelled)...).Height(9).Accessor(reason)
}

func (m *Model) followUpHint() string {
	if m.suggested != "" && m.vals.FollowUp != "" {
		return m.suggested
	}
	return "Optional: 2026-12-01, tomorrow, \"in 2 weeks\", \"next tuesday\"."
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
