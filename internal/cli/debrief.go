package cli

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *app) debriefCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "debrief",
		Short:  "(not built yet)",
		Hidden: true,
		RunE:   func(*cobra.Command, []string) error { return errors.New("debrief is not built yet") },
	}
}
