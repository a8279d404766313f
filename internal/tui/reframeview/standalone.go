package reframeview

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Standalone is the reframe flow outside the TUI (accessible mode): the
// same nine steps, fields and saves as the screen, driven by the caller one
// step at a time. Each completed step is saved with the step to resume at,
// so leaving at any point keeps a draft, as on the screen.
type Standalone struct {
	m *Model
	// retry is the save a conflict interrupted, finished by SaveResolved.
	retry saved
}

// NewStandalone opens the flow on n, at its draft step when it has one,
// saving to db. ctx needs Catalog, Settings and Now; Styles is not used.
func NewStandalone(ctx *common.Context, db Store, n journal.No) *Standalone {
	m := New(ctx, db, n.ID)
	m.no = &n
	m.orig = valuesOf(n)
	*m.vals = m.orig
	if n.ReframeStep >= 1 && n.ReframeStep <= numSteps {
		m.step = n.ReframeStep
	}
	// Wide enough that every kind of no is listed with its explanation,
	// and each reason with its hint (accessible prompts print no descriptions).
	m.width = 1000
	m.standalone = true
	m.spelled = true
	return &Standalone{m: m}
}

// Start is the step to begin at (1, or the draft's step).
func (s *Standalone) Start() int { return s.m.step }

// No is the No as last saved.
func (s *Standalone) No() journal.No { return *s.m.no }

// StepName is the short name of a step ("Kind of no").
func StepName(step int) string {
	if step < 1 || step > numSteps {
		return ""
	}
	return stepNames[step]
}

// Indicator is "Step 3 of 6 · Kind of no".
func Indicator(step int) string {
	return fmt.Sprintf("Step %d of %d · %s", step, numSteps, StepName(step))
}

// Said is what they said, as the flow holds it now (made inert).
func (s *Standalone) Said() string { return textsafe.Block(s.m.vals.Said) }

// Facts are the lines to say before a step's questions, as the screen
// shows them above its form: their words from step 2 on; on the traps
// step the thought; on the evidence step the No's own facts (their words,
// the kind of no, what would need to change) and the thought.
func (s *Standalone) Facts(step int) []string {
	v, md := s.m.vals, s.m.mode()
	orNot := func(t string) string {
		if strings.TrimSpace(t) == "" {
			return "(not noted)"
		}
		return textsafe.Inline(t)
	}
	said := capitalize("The "+md.Words.Who+" said: ") + orNot(v.Said)
	switch step {
	case stepSaid:
		return nil
	case stepTraps:
		return []string{"Your thought: " + orNot(v.Thought)}
	case stepEvidence:
		kind := "(not chosen yet)"
		if ki, ok := md.KindInfo(journal.Kind(v.Kind)); ok {
			kind = textsafe.Inline(ki.Label) + " — " + textsafe.Inline(ki.Explain)
		}
		return []string{"The facts, as you noted them:", said, "Kind of no: " + kind,
			"What would need to change: " + orNot(v.Change), "Your thought: " + orNot(v.Thought)}
	}
	return []string{said}
}

// Next is the step after step, as on the screen: an empty thought skips
// the rest of the thought record (accessible prompts take no skip key).
func (s *Standalone) Next(step int) int {
	s.m.step = step
	return s.m.next()
}

// ThoughtRecord names the optional steps, for the line that introduces
// the flow ("steps 6 to 8").
func ThoughtRecord() (first, last int) { return stepThought, stepEvidence }

// Questions are the fields of a step over the flow's values, with hints
// for a reader who sees no descriptions. The last step pre-fills the
// follow-up date from the kind of no, as the screen does.
func (s *Standalone) Questions(step int) []common.Question {
	s.m.step = step
	if step == stepReframe {
		s.m.suggestFollowUp()
	}
	hints := s.m.hints()
	hints["follow_up"] = s.m.followUpHint() + ` Type "none" for no follow-up.`
	return common.Questions(s.m.fields(step), hints)
}

// Save stores the answers so far and records next as the step to resume
// at; past the last step it finishes the flow (no draft left). A follow-up
// date that can't be read is returned as an error and nothing is saved.
func (s *Standalone) Save(next int) (journal.No, error) {
	if _, err := parseFollowUp(s.m.vals.FollowUp, s.m.ctx.Now()); err != nil {
		return *s.m.no, err
	}
	if next > numSteps {
		return s.save(afterFinish, 0)
	}
	return s.save(afterGoto, next)
}

// SaveDraft keeps what was answered at step as a draft to resume there
// (the screen's esc). It reports false when there was nothing new to save.
func (s *Standalone) SaveDraft(step int) (journal.No, bool, error) {
	if s.m.vals.same(s.m.orig) {
		return *s.m.no, false, nil
	}
	n, err := s.save(afterLeave, step)
	return n, err == nil, err
}

func (s *Standalone) save(then after, step int) (journal.No, error) {
	return s.result(s.m.save(then, step)())
}

// SaveResolved finishes a save that returned a *journal.ConflictError, with
// n the user's choice over base (the conflict's Stored No).
func (s *Standalone) SaveResolved(base, n journal.No) (journal.No, error) {
	return s.result(s.m.store(base, n, s.retry)())
}

func (s *Standalone) result(msg tea.Msg) (journal.No, error) {
	s.m.saving = false
	switch msg := msg.(type) {
	case conflicted:
		s.retry = msg.retry
		return *s.m.no, msg.c
	case saved:
		n := msg.no
		s.m.no = &n
		s.m.orig = msg.vals
		if msg.resolved {
			s.m.orig = valuesOf(n)
			*s.m.vals = s.m.orig
		}
		if msg.dropped != "" {
			return n, fmt.Errorf("saved, but %s", msg.dropped)
		}
		return n, nil
	case saveFailed:
		return *s.m.no, msg.err
	}
	return *s.m.no, nil
}
