package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

func (a *app) editCommand() *cobra.Command {
	var f noFlags
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Change a No: the form on a terminal, or flags",
		Example: `  rebound edit 12 --outcome maybe
  rebound edit 12 --lesson "Lead with the ROI numbers" --follow-up "next tuesday"
  rebound edit 12 --add-tag q4 --remove-tag cold   # --tag sets the whole list`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, n, err := a.loadNo(args[0])
			if err != nil {
				return err
			}
			id := n.ID
			if !f.any() {
				if !a.stdinTTY() || !a.stdoutTTY() {
					return errNoTerminal("the edit form", "pass flags instead, e.g. rebound edit "+args[0]+" --outcome maybe")
				}
				m, err := a.runProgram(common.Navigate{To: common.ScreenEdit, ID: id})
				if err != nil || m == nil {
					return err
				}
				// The line the flags print, once the form has saved.
				if saved, ok := m.LastSaved(); ok {
					a.printUpdated(saved, n.Outcome, a.now())
				}
				return nil
			}
			// The flags are a patch: applied to the No as stored at the
			// moment of writing, in the same transaction, so an edit of
			// another field from another terminal is never overwritten.
			now := a.now()
			var was journal.Outcome
			n, err = st.PatchNo(id, now, func(p *journal.No) error {
				was = p.Outcome
				if err := f.apply(p, now); err != nil {
					return err
				}
				// A settled No (yes or let go) has nothing left to follow up.
				if p.Outcome != was && followup.Settled(p.Outcome) && !p.FollowUp.IsZero() && !f.changed("follow-up-done") {
					p.FollowUpDone = true
				}
				return p.Validate(a.catalog())
			})
			if err != nil {
				if journal.IsValidation(err) || isUsage(err) {
					return err
				}
				return fmt.Errorf("save the No: %w", err)
			}
			a.printUpdated(n, was, now)
			return nil
		},
	}
	f.register(cmd, true)
	return cmd
}

// printUpdated is what an edit prints, by flags or through the form: the
// No saved, and the celebration when it has just become a yes (was: its
// outcome before).
func (a *app) printUpdated(n journal.No, was journal.Outcome, now time.Time) {
	out := fmt.Sprintf("Updated No #%d: %s (%s).\n", n.ID, textsafe.Truncate(n.Who, 60), n.Outcome)
	if n.Outcome == journal.OutcomeYes && was != journal.OutcomeYes {
		words := ""
		if m, err := a.catalog().Mode(n.Mode); err == nil {
			words = m.Words.Yes
		}
		out += followup.Celebrate(n.Date, journal.Today(now), words) + "\n"
	}
	_, _ = io.WriteString(a.out(), out) // one write: the lines arrive together
}
