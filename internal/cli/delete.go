package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/textsafe"
)

func (a *app) deleteCommand() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:     "delete ID",
		Short:   "Delete a No (asks first on a terminal)",
		Example: "  rebound delete 12\n  rebound delete 12 --yes",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, n, err := a.loadNo(args[0])
			if err != nil {
				return err
			}
			id := n.ID
			if !yes && a.stdinTTY() {
				fmt.Fprintf(a.stdout, "Delete No #%d (%s, %s)? [y/N] ", n.ID, textsafe.Truncate(n.Who, 40), n.Date)
				var answer string
				fmt.Fscanln(a.stdin, &answer)
				if !strings.EqualFold(strings.TrimSpace(answer), "y") && !strings.EqualFold(strings.TrimSpace(answer), "yes") {
					fmt.Fprintln(a.stdout, "Kept it.")
					return nil
				}
			}
			if err := st.DeleteNo(id); err != nil {
				return err
			}
			fmt.Fprintf(a.out(), "Deleted No #%d (%s).\n", id, textsafe.Truncate(n.Who, 60))
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "don't ask")
	return cmd
}
