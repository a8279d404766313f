package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/exchange"
)

func (a *app) importCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Read a JSON export back in (importing the same file twice adds nothing)",
		Long: `Read a JSON export (rebound export --format json) into this journal.
The whole file is checked first and imported in one transaction: a malformed
file, or one from a newer Rebound, is refused with the line and field at fault
and nothing is imported. No's already in the journal are skipped.`,
		Example: "  rebound import rebound.json\n  rebound --db /tmp/new.db import rebound.json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("import: %w", err)
			}
			defer f.Close()
			e, err := exchange.Parse(f)
			if err != nil {
				return usage("%s: %v; nothing was imported", args[0], err)
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			res, err := st.Import(e, a.now())
			if err != nil {
				return fmt.Errorf("import %s (nothing was imported): %w", args[0], err)
			}
			fmt.Fprintf(a.out(), "Imported %d No's, %d reflections, %d wins from %s (%d already here, skipped).\n",
				res.Nos, res.Reflections, res.Wins, args[0], res.Skipped)
			return nil
		},
	}
}
