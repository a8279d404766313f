package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) winCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "win",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("win is not built yet") },
	}
}
