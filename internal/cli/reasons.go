package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/coach"
)

func (a *app) reasonsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "reasons",
		Short:   "List the reason ids of a mode, with what each covers",
		Example: "  rebound reasons\n  rebound reasons --mode job",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			mode, err := a.listedMode()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.jsonOut(), mode.Reasons)
			}
			w := a.out()
			fmt.Fprintf(w, "Reasons for %s mode:\n", mode.Label)
			for _, r := range mode.Reasons {
				// The hint says what the reason covers, so the id is easy to choose.
				line := r.Label
				if r.Hint != "" {
					line += " — " + r.Hint
				}
				fmt.Fprintf(w, "  %-18s %s\n", r.ID, line)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// listedMode is the mode a listing command shows: --mode, else the
// journal's own.
func (a *app) listedMode() (*coach.Mode, error) {
	id := a.modeFlag
	if id == "" {
		set, err := a.settings()
		if err != nil {
			return nil, err
		}
		id = set.Mode
	}
	mode, err := a.catalog().Mode(id)
	if err != nil {
		return nil, usageError{err}
	}
	return mode, nil
}
