package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/exchange"
	"github.com/rebound-coach/rebound/internal/journal"
)

func (a *app) importCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Read a JSON export back in (importing the same file twice adds nothing)",
		Long: `Read a JSON export (rebound export --format json) into this journal.
The whole file is checked first, then imported all or nothing: a malformed
file, or one from a newer Rebound, is refused with the line and field at fault
and nothing is imported. No's already in the journal are skipped. A large
import (over 1000 No's) is written to a copy of the journal next to it, which
then replaces it, so it needs free space for a second copy for a moment.`,
		Example: "  rebound import rebound.json\n  rebound --db /tmp/new.db import rebound.json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("import: %w", err)
			}
			defer f.Close()
			// Check the whole file first, a No at a time (a 100k export is
			// 90 MB); only a file that passes is read again to be written.
			head, count, err := exchange.Stream(f, nil)
			if err != nil {
				// Parse reads it whole to say where the problem is.
				if _, serr := f.Seek(0, io.SeekStart); serr == nil {
					if _, perr := exchange.Parse(f); perr != nil {
						err = perr
					}
				}
				return usage("%s: %v; nothing was imported", args[0], err)
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			res, err := st.ImportStream(head, count, func(yield func(*journal.No) error) error {
				if _, err := f.Seek(0, io.SeekStart); err != nil {
					return err
				}
				_, _, err := exchange.Stream(f, yield)
				return err
			}, a.now())
			if err != nil {
				return fmt.Errorf("import %s (nothing was imported): %w", args[0], err)
			}
			fmt.Fprintf(a.out(), "Imported %d No's, %d reflections, %d wins from %s (%d already here, skipped).\n",
				res.Nos, res.Reflections, res.Wins, args[0], res.Skipped)
			return nil
		},
	}
}
