package cli

import (
	"fmt"

	"github.com/rebound-coach/rebound/internal/tui/debriefview"
	"github.com/rebound-coach/rebound/internal/words"
)

// debriefAccessible records the answers to the debrief questions.
func (a *app) debriefAccessible(p *prompter, id uint64) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	n, err := st.GetNo(id)
	if err != nil {
		return err
	}
	s := debriefview.NewStandalone(ctx, st, n)
	k := s.Kit()
	p.say(fmt.Sprintf("Debrief answers for No #%d: %s. %d questions; leave an answer empty if you didn't ask it.", n.ID, oneLine(n.Who), len(k.Questions)),
		"One line per answer. rebound debrief "+fmt.Sprint(n.ID)+" --print shows the message and the questions.", "")
	if k.Note != "" {
		p.say(k.Note, "")
	}
	if err := p.ask(s.Questions()); err != nil {
		return err
	}
	saved, err := p.settle(s)(s.Save())
	if err != nil {
		return fmt.Errorf("couldn't save the answers: %w", err)
	}
	c := len(saved.Debrief)
	p.say(fmt.Sprintf("Saved %d debrief %s for %s.", c, words.Plural(c, "answer", "answers"), oneLine(saved.Who)))
	return nil
}
