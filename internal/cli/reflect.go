package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) reflectCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "reflect",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("reflect is not built yet") },
	}
}
