package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) importCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "import",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("import is not built yet") },
	}
}
