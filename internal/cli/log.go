package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

func (a *app) logCommand() *cobra.Command {
	var f noFlags
	var edit bool
	cmd := &cobra.Command{
		Use:   "log",
		Short: "Log a No: a short form, or flags and no form at all",
		Long: `Log a No right after it happened (the call, the interview, the grade, the
invitation), before the details fade.
On a terminal with no flags, a short form asks who, what they said and why.
With flags it saves at once and prints one line: what was saved, its id and
the follow-up date.`,
		Example: `  rebound log
  rebound log --who "Acme Corp" --said "We're worried about hidden fees" \
    --reason hidden-fees --change "A line-item quote" --follow-up "in 2 weeks"
  rebound log --who "Initech" --reason timing --date yesterday --tag q4
  rebound log --who "Globex" --reason price --edit
  pbpaste | rebound log --who "Hooli" --said -`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if edit {
				return a.logEdit(&f) // logedit.go
			}
			if !f.any() {
				if !a.stdinTTY() || !a.stdoutTTY() {
					return errNoTerminal("the log form", `pass flags instead, e.g. rebound log --who "Acme Corp" --reason price (or answer line by line with rebound log --accessible)`)
				}
				return a.logInteractive()
			}
			return a.logWithFlags(&f)
		},
	}
	f.register(cmd, false)
	cmd.Flags().BoolVar(&edit, "edit", false, "write what they said in $EDITOR (its first line is who, without --who)")
	return cmd
}

func (a *app) logWithFlags(f *noFlags) error {
	st, err := a.open()
	if err != nil {
		return err
	}
	mode, err := a.modeID()
	if err != nil {
		return err
	}
	now := a.now()
	n := journal.No{Mode: mode, Date: journal.Today(now)}
	if err := f.apply(&n, now); err != nil {
		return err
	}
	if err := n.Validate(a.catalog()); err != nil {
		return err
	}
	if err := st.AddNo(&n, now); err != nil {
		return fmt.Errorf("save the No: %w", err)
	}
	fmt.Fprintln(a.out(), savedLine(n))
	return nil
}

// savedLine is the one line printed after a log.
func savedLine(n journal.No) string {
	s := fmt.Sprintf("Saved No #%d: %s (%s", n.ID, textsafe.Truncate(n.Who, 60), n.Date)
	if n.Reason != "" {
		s += ", " + n.Reason
	}
	s += ")"
	if !n.FollowUp.IsZero() {
		s += fmt.Sprintf("; follow up %s", n.FollowUp)
	} else {
		s += "; no follow-up set"
	}
	return s + "."
}

func (a *app) logInteractive() error {
	m, err := a.runProgram(common.Navigate{To: common.ScreenLog})
	if err != nil {
		return err
	}
	if m != nil {
		if n, ok := m.LastSaved(); ok {
			fmt.Fprintln(a.out(), savedLine(n))
		}
	}
	return nil
}
