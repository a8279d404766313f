package cli

import (
	"errors"
	"fmt"

	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/prep"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/words"
)

// prepAccessible is the prep card said as text: a name that matches
// several asks which one, the card is printed as --print prints it, and
// then the card's key is a question: is their condition met?
func (a *app) prepAccessible(p *prompter, name string) error {
	st, err := a.open()
	if err != nil {
		return err
	}
	ms, more, err := st.MatchProspects(name, maxCandidates)
	if err != nil {
		return err
	}
	if len(ms) == 0 {
		return errNoProspect{name}
	}
	who := ms[0].Name
	if len(ms) > 1 {
		opts := make([]huh.Option[string], len(ms))
		for i, m := range ms {
			opts[i] = huh.NewOption(fmt.Sprintf("%s (%s)", textsafe.Inline(m.Name), words.Count(m.Nos, "No", "No's")), m.Name)
		}
		hint := fmt.Sprintf("%q matches %d names. Type a number.", name, len(ms))
		if more {
			hint = fmt.Sprintf("%q matches more than %d names; the first %d. Type a number.", name, len(ms), len(ms))
		}
		pick := huh.NewSelect[string]().Key("who").Title("Prepare for whom?").Options(opts...).Value(&who)
		if err := p.askOne(common.Question{Field: pick, Hint: hint}); err != nil {
			return err
		}
	}
	mode, _, err := a.mode(st)
	if err != nil {
		return err
	}
	modeOf := func(id string) *coach.Mode {
		if m, err := a.catalog().Mode(id); err == nil && id != "" {
			return m
		}
		return mode
	}
	c, err := prep.Load(st, who, modeOf)
	if err != nil {
		return err
	}
	printPrep(p.out, c, journal.Today(a.now()), modeOf)
	if c.Condition == nil {
		return nil
	}
	met := c.ConditionMet
	title := fmt.Sprintf("Has their condition been met: “%s”?", textsafe.Inline(*c.Condition))
	ask := huh.NewConfirm().Key("met").Title(title).Affirmative("Yes, it's met").Negative("Not yet").Value(&met)
	p.say("")
	if err := p.askOne(common.Question{Field: ask}); err != nil {
		if errors.Is(err, errInputEnded) {
			return nil // nothing more typed: the card was what was asked for
		}
		return err
	}
	if met == c.ConditionMet {
		p.say("Kept as it was.")
		return nil
	}
	n, err := st.PatchNo(c.ConditionID, a.now(), func(n *journal.No) error { n.ConditionMet = met; return nil })
	if err != nil {
		return fmt.Errorf("couldn't save the condition: %w", err)
	}
	if n.ConditionMet {
		p.say(fmt.Sprintf("Marked “%s” as met on No #%d.", textsafe.Inline(n.Change), n.ID))
	} else {
		p.say(fmt.Sprintf("“%s” is not met yet (No #%d).", textsafe.Inline(n.Change), n.ID))
	}
	return nil
}
