package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) whoCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "who",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("who is not built yet") },
	}
}
