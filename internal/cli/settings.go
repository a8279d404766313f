package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) settingsCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "settings",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("settings is not built yet") },
	}
}
