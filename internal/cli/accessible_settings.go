package cli

import (
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/welcomeview"
)

// settingsAccessible is the welcome / settings form.
func (a *app) settingsAccessible(p *prompter) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	s := welcomeview.NewStandalone(ctx, st)
	p.say(s.Intro(), howToAnswer, "")
	if err := p.ask(s.Questions()); err != nil {
		return err
	}
	set, err := s.Save()
	if err != nil {
		return err
	}
	p.say("")
	printSettings(p.out, a.catalog(), set, st.Path(), "", true)
	if w := set.Workweek(); ctx.Settings.Welcomed && w != ctx.Settings.Workweek() {
		p.say(journal.WorkdaysChanged(w))
	}
	return nil
}
