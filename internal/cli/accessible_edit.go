package cli

import (
	"fmt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/logview"
)

// editAccessible is the edit form of a No, filled in.
func (a *app) editAccessible(p *prompter, id uint64) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	n, err := st.GetNo(id)
	if err != nil {
		return err
	}
	p.say(fmt.Sprintf("Edit No #%d: %s. Change what you need; the rest of the No stays as it is.", n.ID, oneLine(n.Who)), howToAnswer, "")
	s := logview.NewStandaloneEdit(ctx, st, n)
	return askUntilSaved(p, s, func(n journal.No) string {
		return fmt.Sprintf("Saved No #%d: %s (%s, %s).", n.ID, oneLine(n.Who), n.Date, n.Outcome)
	})
}
