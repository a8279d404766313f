package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

func (a *app) reflectCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "reflect",
		Short: "The daily reflection: how today felt, a prompt, a ritual, one win, tomorrow's intention",
		Long: `A 3–5 minute close to the day: how today felt (1 rough … 5 strong), one
resilience prompt (a different one each day), a bounce-back ritual (a guided
minute of breathing, re-reading a past win, a short walk...), one win, and
tomorrow's intention. A reflection with something written (an answer, a win or
an intention) marks the day active for your streak; a second reflection the
same day adds to the first.`,
		Example: `  rebound reflect
  rebound reflect --mode job`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !a.stdinTTY() || !a.stdoutTTY() {
				return errNoTerminal("rebound reflect", "or use rebound reflect --accessible, which reads the answers line by line")
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			today := journal.Today(a.now())
			before, had, err := st.Reflection(today)
			if err != nil {
				return err
			}
			if _, err := a.runProgram(common.Navigate{To: common.ScreenReflect}); err != nil {
				return err
			}
			// Say what happened once the screen is gone.
			after, ok, err := st.Reflection(today)
			saved := ok && (!had || after.Sessions != before.Sessions || !after.CompletedAt.Equal(before.CompletedAt))
			if err == nil && saved {
				if after.Sessions > 1 {
					fmt.Fprintf(a.out(), "Reflection saved: session %d today. Day %s is active.\n", after.Sessions, today)
				} else {
					fmt.Fprintf(a.out(), "Reflection saved. Day %s is active.\n", today)
				}
			}
			return nil
		},
	}
}
