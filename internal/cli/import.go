package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

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
file, one from a newer Rebound, or a record the command line would refuse (a
field over 64 KB, a tag over 100 bytes, a date outside 1900-2200, a mode or
reason this build does not have...) is refused with the record, its line and
what is wrong, and nothing is imported. No's already in the journal are
skipped. A larger import (over 300 records or 1 MB) is written to a copy of
the journal next to it, which then replaces it, so it needs free space for a
second copy, and about as much again while its No's are put in date order.`,
		Example: "  rebound import rebound.json\n  rebound --db /tmp/new.db import rebound.json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("import: %w", err)
			}
			defer f.Close()
			// An import holds a record and a batch at a time, a few MiB; a
			// soft limit has the collector return a long import's garbage
			// before the heap doubles, so its peak stays under 30 MiB.
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
			// Check the whole file first, a record at a time (a 1M export
			// is a gigabyte); only a file that passes is read again, as
			// often as the store asks, to be written.
			// A No dated after today is refused, as log and edit refuse it.
			today := journal.Today(a.now())
			head, size, err := exchange.StreamAsOf(f, a.catalog(), today, journal.Records{})
			if err != nil {
				var xe *exchange.Error
				if errors.As(err, &xe) {
					return usage("%s: %v; nothing was imported", args[0], err)
				}
				return fmt.Errorf("import %s (nothing was imported): %w", args[0], err)
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			res, err := st.ImportStream(head, size, func(to journal.Records) error {
				if _, err := f.Seek(0, io.SeekStart); err != nil {
					return err
				}
				_, _, err := exchange.StreamAsOf(f, a.catalog(), today, to)
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

// importMemoryLimit is the Go runtime's soft memory limit while importing.
const importMemoryLimit = 12 << 20
