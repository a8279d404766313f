package cli

import (
	"fmt"

	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/tui/reflectview"
)

// reflectAccessible is the daily reflection, the ritual told as text.
func (a *app) reflectAccessible(p *prompter) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	s, err := reflectview.NewStandalone(ctx, st)
	if err != nil {
		return err
	}
	p.say("Daily reflection: a few minutes to close the day — how it felt, one question, a reset, a win, an intention.",
		s.Intro(), howToAnswer)
	for n := 1; n <= reflectview.Steps; n++ {
		p.say("", reflectview.Indicator(n))
		if q, ok := s.KeptQuestion(); ok && n == reflectview.Steps {
			// "Did you do it?" about today's intention, before tomorrow's.
			if err := p.askOne(q); err != nil {
				return err
			}
		}
		if err := p.askOne(s.Question(n)); err != nil {
			return err
		}
		if n != 3 {
			continue
		}
		lines, err := s.RitualText()
		if err != nil {
			return err
		}
		if len(lines) > 0 {
			p.say(lines...)
			if err := p.pause("Press enter when you're done."); err != nil {
				return err
			}
		}
	}
	r, res, err := s.Save()
	if err != nil {
		return fmt.Errorf("couldn't save the reflection: %w", err)
	}
	if r.Empty() {
		p.say("", fmt.Sprintf("Reflection saved. Nothing was written, so %s is not an active day yet: an answer, a win or an intention makes it one.", r.Date))
	} else {
		p.say("", fmt.Sprintf("Reflection saved. Day %s is active.", r.Date))
	}
	if res != nil && res.Current > 0 {
		line := streak.Days(res.Current) + " in a row"
		if res.WeekGoal > 0 {
			line += fmt.Sprintf(", %d of %d this week", res.WeekActive, res.WeekGoal)
		}
		p.say(line + ".")
	}
	if r.Sessions > 1 {
		p.say(fmt.Sprintf("Session %d today: added to today's reflection.", r.Sessions))
	}
	if in := oneLine(r.Intention); in != "" {
		p.say("Tomorrow's intention: " + in)
	}
	return nil
}
