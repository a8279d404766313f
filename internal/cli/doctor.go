package cli

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// doctorMemoryLimit is the Go runtime's soft memory limit while checking.
const doctorMemoryLimit = 14 << 20

// errUnwell makes doctor exit 1 after it has printed its report.
var errUnwell = errors.New("the journal has problems (see above)")

func (a *app) doctorCommand() *cobra.Command {
	var repair bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the journal and say what is wrong, in words",
		Long: `Check the journal: bbolt's own consistency check, the schema version, that
every No decodes, that every index and tally agrees with the data. Exit 0 only
when all is well. --repair rebuilds indexes and tallies from the No's themselves.
It also lists the backups and how to restore one.`,
		Example: "  rebound doctor\n  rebound doctor --repair",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// The check holds a few MiB of fingerprints and runs of No's; a
			// soft limit has the collector return its garbage before the
			// heap doubles (25 MiB at 100k No's, not 30), and no sooner.
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(doctorMemoryLimit))
			w := a.out()
			st, err := a.open()
			if err != nil {
				fmt.Fprintf(w, "✗ %v\n", err)
				return errUnwell
			}
			fmt.Fprintf(w, "Journal: %s\n", st.Path())
			problems, err := st.Check()
			if err != nil {
				return fmt.Errorf("check the journal: %w", err)
			}
			if len(problems) > 0 && repair && !store.PagesDamaged(problems) {
				fmt.Fprintf(w, "Found %d problem(s); rebuilding indexes and tallies from the No's…\n", len(problems))
				if err := st.Repair(); err != nil {
					return fmt.Errorf("repair: %w", err)
				}
				if problems, err = st.Check(); err != nil {
					return fmt.Errorf("check after repair: %w", err)
				}
			}
			// What the file's checks cannot see: modes this build lacks.
			problems = append(problems, a.modeProblems(st)...)
			n, _ := st.Count()
			if len(problems) == 0 {
				fmt.Fprintf(w, "✓ All is well: %s; the indexes and tallies agree with the data.\n", journal.CountNos(n))
			} else {
				fmt.Fprintf(w, "✗ %d problem(s):\n", len(problems))
				for _, p := range problems {
					fmt.Fprintf(w, "  - %s: %s\n", p.Kind, p.Detail)
				}
				switch {
				case store.PagesDamaged(problems):
					fmt.Fprintln(w, "Pages of the file are damaged, which --repair cannot mend. Restore a backup, or save every No that can still be read with rebound export --format json -o FILE and import FILE into a new journal (rebound --db NEW import FILE).")
				case !repair:
					fmt.Fprintln(w, "Run rebound doctor --repair to rebuild the indexes from the data, or restore a backup.")
				}
			}
			list, err := st.Backups()
			if err != nil {
				return err
			}
			if len(list) == 0 {
				fmt.Fprintf(w, "Backups: none yet in %s (one is made on the first write of each day; rebound backup makes one now).\n", st.BackupDir())
			} else {
				fmt.Fprintf(w, "Backups in %s (newest first):\n", st.BackupDir())
				for _, b := range list {
					fmt.Fprintf(w, "  %s  %s  %s\n", b.ModTime.Local().Format("2006-01-02 15:04"), humanize.IBytes(uint64(b.Size)), b.Path)
				}
				fmt.Fprintf(w, "To restore one: close every rebound, then copy it over the journal, e.g.\n  cp %q %q\n", list[0].Path, st.Path())
			}
			reportTemps(w, st.CleanTemps(a.now()))
			if len(problems) > 0 {
				return errUnwell
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&repair, "repair", false, "rebuild indexes and tallies from the data")
	return cmd
}
