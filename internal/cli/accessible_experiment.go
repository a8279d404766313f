package cli

import (
	"fmt"
	"strings"

	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/experimentview"
)

// experimentAccessible is the insights screen's experiment form as plain
// questions (rebound --accessible experiment start): the same fields,
// checked the same way; bad input is said and the questions come again
// over what was typed, up to three times.
func (a *app) experimentAccessible(p *prompter) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	p.say(fmt.Sprintf("Start an experiment: one change in how you pitch, and the reasons it should make rarer. Rebound compares how often those reasons come up in your %s No's from the start on with the same number of days before it; each side needs %d No's before it says anything.",
		ctx.Mode().ID, experiment.MinNos), howToAnswer)
	v := experimentview.NewValues()
	for tries := 0; ; tries++ {
		if err := p.ask(common.Questions(experimentview.Fields(ctx, v), nil)); err != nil {
			return err
		}
		e, err := v.Experiment(ctx)
		if err == nil {
			err = st.AddExperiment(&e, a.now())
		}
		if err == nil {
			p.say(fmt.Sprintf("Started experiment #%d “%s” on %s, watching %s. rebound experiment list shows how it goes.",
				e.ID, oneLine(e.Name), e.Start, strings.Join(e.Watch, ", ")))
			return nil
		}
		if !journal.IsValidation(err) || tries >= 2 {
			return err
		}
		p.say("", "That can't be saved yet: "+err.Error()+".", "The questions again; an empty answer keeps what you typed.", "")
	}
}

// experimentSentence is the accessible home's sentence about the newest
// running experiment of the mode ("" when none runs), as home shows it.
func experimentSentence(src experiment.Source, mode string, today journal.Day) (string, error) {
	rs, err := experiment.Load(src, mode, today, true)
	if err != nil || len(rs) == 0 {
		return "", err
	}
	r := rs[len(rs)-1]
	return fmt.Sprintf("Experiment “%s”, day %d: %s.", oneLine(r.Name), r.AfterWindow.Days(), r.Says()), nil
}
