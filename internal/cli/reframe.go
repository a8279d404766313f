package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) reframeCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "reframe",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("reframe is not built yet") },
	}
}
