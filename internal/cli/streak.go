package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) streakCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "streak",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("streak is not built yet") },
	}
}
