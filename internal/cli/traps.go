package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) trapsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "traps",
		Short: "List the thinking traps, with an example of each in the mode's words",
		Long: `List the thinking traps a thought after a No can fit, each with its id (for
rebound log --trap ID), its name and an example in the words of the mode in use.
Noticing the trap is the first step to answering the thought.`,
		Example: "  rebound traps\n  rebound traps --mode school\n  rebound traps --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			mode, err := a.listedMode()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.jsonOut(), mode.Traps)
			}
			w := a.out()
			fmt.Fprintf(w, "Thinking traps in %s mode: a thought a No sets off can fit one or more.\n", mode.Label)
			for _, t := range mode.Traps {
				fmt.Fprintf(w, "  %-18s %s\n  %-18s “%s”\n", t.ID, t.Name, "", t.Example)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
