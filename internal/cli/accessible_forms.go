package cli

import (
	"errors"
	"fmt"

	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/logview"
)

// howToAnswer is said once before a form.
const howToAnswer = "Type each answer and press enter. For a numbered list, type the number; where you may pick several, type each number and then 0 to go on. An empty answer keeps the current one, or skips an optional question."

// formContext is what the standalone forms need: the catalog, the
// settings and the clock (no styles: nothing is drawn), and the store.
func (a *app) formContext() (*common.Context, *store.Store, error) {
	st, err := a.open()
	if err != nil {
		return nil, nil, err
	}
	set, err := st.Settings()
	if err != nil {
		return nil, nil, err
	}
	styles := common.NewStyles(true)
	return &common.Context{
		Catalog: a.catalog(), Settings: set, ModeOverride: a.modeFlag,
		Now: a.now, Styles: &styles, Accessible: true,
	}, st, nil
}

// askUntilSaved asks a form's questions and saves, up to three times: bad
// input is said in one sentence and the questions come again over what was
// typed (an empty answer keeps it).
func askUntilSaved(p *prompter, s *logview.Standalone, done func(journal.No) string) error {
	for tries := 0; ; tries++ {
		if err := p.ask(s.Questions()); err != nil {
			return err
		}
		n, err := p.settle(s)(s.Save())
		if err == nil {
			p.say(done(n))
			return nil
		}
		if !journal.IsValidation(err) || tries >= 2 {
			return err
		}
		p.say("", "That can't be saved yet: "+err.Error()+".", "The questions again; an empty answer keeps what you typed.", "")
	}
}

// resolver finishes a save that met a change made elsewhere.
type resolver interface {
	SaveResolved(base, n journal.No) (journal.No, error)
}

// settle passes a save's result through; when it is a conflict (a field
// changed here and elsewhere), it asks which value to keep for each such
// field and saves the choice, until the save goes through or fails.
func (p *prompter) settle(s resolver) func(journal.No, error) (journal.No, error) {
	return func(n journal.No, err error) (journal.No, error) {
		for {
			var c *journal.ConflictError
			if !errors.As(err, &c) {
				return n, err
			}
			chosen, aerr := p.resolve(c)
			if aerr != nil {
				return n, aerr
			}
			n, err = s.SaveResolved(c.Stored, chosen)
		}
	}
}

// resolve asks, field by field, whether to keep the user's value, the one
// saved elsewhere, or (for prose) both.
func (p *prompter) resolve(c *journal.ConflictError) (journal.No, error) {
	n := c.Merged
	p.say("", fmt.Sprintf("No #%d was changed elsewhere while you answered. For each field changed in both places, choose what to keep.", c.Stored.ID))
	for _, f := range c.Conflicts {
		choice := "mine"
		opts := []huh.Option[string]{
			huh.NewOption("Keep yours: "+oneLine(f.Mine), "mine"),
			huh.NewOption("Keep the other: "+oneLine(f.Theirs), "theirs"),
		}
		if f.Text {
			opts = append(opts, huh.NewOption("Keep both", "both"))
		}
		field := huh.NewSelect[string]().Key("conflict_" + f.Field).Title(sentenceCase(f.Label)).Options(opts...).Value(&choice)
		if err := p.askOne(common.Question{Field: field}); err != nil {
			return n, err
		}
		if err := journal.Resolve(&n, f, c.Stored, choice); err != nil {
			return n, err
		}
	}
	return n, nil
}
