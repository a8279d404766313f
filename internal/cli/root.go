package cli

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "rebound",
		Short: "A terminal coach for the moment after someone says no",
		Long: `Rebound walks you through reframing a "no" — the real reason, what would need to
change for them to revisit it, the lesson, the next step — keeps a private journal
of every No, shows the patterns in it, reminds you to follow up, and keeps a daily
reflection streak. Everything stays on this machine.`,
		Example: `  rebound                       # the home screen
  rebound log --who "Acme Corp" --reason price --follow-up "in 2 weeks"
  rebound journal --print -n 20`,
		Args: cobra.NoArgs,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if a.modeFlag != "" {
				if _, err := a.catalog().Mode(a.modeFlag); err != nil {
					return usageError{err}
				}
			}
			if accessibleEnv() {
				a.accessible = true
			}
			return a.readDashFlags(cmd) // a text flag given "-" reads stdin (stdinflag.go)
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runTUI(common.Navigate{To: common.ScreenHome})
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbFlag, "db", "", "the journal file (default $REBOUND_DB, else "+DefaultDBPath()+")")
	pf.StringVar(&a.modeFlag, "mode", "", "the mode for this command: sales, job, school or personal (default: your saved mode)")
	pf.BoolVar(&a.accessible, "accessible", false, "forms for screen readers: plain prompts, no escape codes (also ACCESSIBLE=1)")

	root.AddCommand(
		a.logCommand(),
		a.journalCommand(),
		a.showCommand(),
		a.editCommand(),
		a.deleteCommand(),
		a.exportCommand(),
		a.reasonsCommand(),
		a.trapsCommand(),
		a.reframeCommand(),
		a.reflectCommand(),
		a.streakCommand(),
		a.insightsCommand(),
		a.followupsCommand(),
		a.debriefCommand(),
		a.whoCommand(),
		a.prepCommand(),
		a.winCommand(),
		a.reviewCommand(),
		a.experimentCommand(),
		a.settingsCommand(),
		a.importCommand(),
		a.backupCommand(),
		a.doctorCommand(),
		a.demoCommand(),
		a.manCommand(),
	)
	a.wireAccessible(root)
	return root
}

// errNoTerminal explains what to do instead of an interactive screen.
func errNoTerminal(what, instead string) error {
	return usage("%s needs a terminal; %s", what, instead)
}

// runTUI opens the app on a screen and returns when the user quits.
func (a *app) runTUI(start common.Navigate) error {
	if !a.stdinTTY() || !a.stdoutTTY() {
		return errNoTerminal("the home screen", "use rebound journal --print, or rebound log with flags")
	}
	_, err := a.runProgram(start)
	return err
}

// runProgram runs the Bubble Tea app and returns the final root model.
func (a *app) runProgram(start common.Navigate) (*tui.Model, error) {
	st, err := a.open()
	if err != nil {
		return nil, err
	}
	set, err := a.settings()
	if err != nil {
		return nil, err
	}
	ctx := &common.Context{
		Catalog: a.catalog(), Settings: set, ModeOverride: a.modeFlag,
		Now: a.now, Accessible: a.accessible,
	}
	m := tui.New(ctx, st, start)
	// The renderer measures cells with go-runewidth, which builds its
	// 2 MiB width table on the first character above U+02FF (every screen
	// has a "›" or "·"): build it on the other core while the program starts
	// and the first screen loads, not in the first frame's flush.
	go ansi.StringWidthWc("›")
	p := tea.NewProgram(m, tea.WithFPS(120))
	a.onScreen.Store(true)
	final, err := p.Run()
	a.onScreen.Store(false)
	if err != nil {
		if errors.Is(err, tea.ErrInterrupted) {
			return nil, nil
		}
		return nil, fmt.Errorf("run the app: %w", err)
	}
	fm, _ := final.(*tui.Model)
	return fm, nil
}

// settings reads the saved settings (default when unset). A command runs
// once, so the settings Open read will do: no second open of the file.
func (a *app) settings() (journal.Settings, error) {
	st, err := a.open()
	if err != nil {
		return journal.Settings{}, err
	}
	if set, ok := st.SettingsAtOpen(); ok {
		return set, nil
	}
	return st.Settings()
}
