package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) insightsCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "insights",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("insights is not built yet") },
	}
}
