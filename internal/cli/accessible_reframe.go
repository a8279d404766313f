package cli

import (
	"errors"
	"fmt"

	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/tui/reframeview"
)

// reframeAccessible is the reframe's steps as plain prompts, saved after each step.
func (a *app) reframeAccessible(p *prompter, id uint64) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	n, err := st.GetNo(id)
	if err != nil {
		return err
	}
	s := reframeview.NewStandalone(ctx, st, n)
	p.say(fmt.Sprintf("Reframe No #%d: %s, %s.", n.ID, oneLine(n.Who), n.Date))
	if n.ReframeStep > 0 {
		p.say(fmt.Sprintf("Welcome back: your draft resumes at step %d.", s.Start()))
	}
	first, last := reframeview.ThoughtRecord()
	p.say(fmt.Sprintf("%d short steps, each saved as you go; steps %d to %d, the thought record, are optional: an empty thought skips them.",
		reframeview.Steps, first, last), howToAnswer)
	// The same questions in the same order as the screen, with what the
	// screen shows above each step's form said first.
	for step := s.Start(); step <= reframeview.Steps; {
		p.say("", reframeview.Indicator(step))
		p.say(s.Facts(step)...)
		if err := p.ask(s.Questions(step)); err != nil {
			return a.reframeStopped(p, s, step, err)
		}
		next := s.Next(step)
		if _, err := p.settle(s)(s.Save(next)); err != nil {
			return err
		}
		step = next
	}
	p.say("", reframeLine(s.No()))
	return nil
}

// reframeStopped keeps a draft when the answers stop mid-flow.
func (a *app) reframeStopped(p *prompter, s *reframeview.Standalone, step int, why error) error {
	n, saved, err := s.SaveDraft(step)
	if err != nil {
		p.say("", err.Error())
	}
	switch {
	case saved || n.ReframeStep > 0:
		p.say("", fmt.Sprintf("Stopped. Draft saved on No #%d at step %d of %d; resume with: rebound reframe %d --accessible", n.ID, max(n.ReframeStep, 1), reframeview.Steps, n.ID))
	default:
		p.say("", "Stopped; nothing new to save.")
	}
	if errors.Is(why, huh.ErrUserAborted) {
		return nil // the user left; the draft says where they are
	}
	if errors.Is(why, errInputEnded) {
		return fmt.Errorf("the input ended at step %d; the answers so far are kept as a draft", step)
	}
	return why
}
