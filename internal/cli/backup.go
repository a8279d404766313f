package cli

import (
	"fmt"

	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"
)

func (a *app) backupCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "backup [FILE]",
		Short: "Write a consistent copy of the journal, even while the app is open",
		Long: `Write a consistent copy of the journal (0600). Without FILE it goes to the
backups folder next to the journal. Rebound also keeps a daily backup on the
first write of each day (the last 7); rebound doctor lists them.`,
		Example: "  rebound backup\n  rebound backup ~/rebound-before-upgrade.db",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.open()
			if err != nil {
				return err
			}
			path := st.ManualBackupPath(a.now())
			if len(args) == 1 {
				path = args[0]
			}
			n, err := st.BackupTo(path)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.out(), "Backed up the journal to %s (%s).\n", path, humanize.IBytes(uint64(n)))
			fmt.Fprintf(a.out(), "To restore it: rebound --db %q doctor, then copy it over %s while no rebound is running.\n", path, st.Path())
			return nil
		},
	}
}
