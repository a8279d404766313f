package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) followupsCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "followups",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("followups is not built yet") },
	}
}
