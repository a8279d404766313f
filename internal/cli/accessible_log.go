package cli

import (
	"fmt"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/logview"
)

// logAccessible is the quick log form, then the saved line.
func (a *app) logAccessible(p *prompter) error {
	ctx, st, err := a.formContext()
	if err != nil {
		return err
	}
	words := ctx.Mode().Words
	p.say(fmt.Sprintf("Log a No, right after the %s, before the details fade. Only who is required.", words.Event), howToAnswer, "")
	s := logview.NewStandalone(ctx, st)
	return askUntilSaved(p, s, func(n journal.No) string { return savedLine(n) })
}
