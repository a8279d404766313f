package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// settingsJSON is `rebound settings --json`: the stored settings and the file.
type settingsJSON struct {
	journal.Settings
	DB string `json:"db"`
}

func (a *app) settingsCommand() *cobra.Command {
	var (
		asJSON, print bool
		setMode, name string
		weekGoal      int
	)
	cmd := &cobra.Command{
		Use:   "settings",
		Short: "Your mode, name and weekly goal: edit them on a terminal, or change them with flags",
		Long: `Settings are kept in the journal file. On a terminal with no flags this opens the
settings form; with --set-mode, --name or --week-goal it changes them without a
form and prints the result. --mode only switches the mode for one command;
--set-mode saves it.`,
		Example: `  rebound settings
  rebound settings --print
  rebound settings --json
  rebound settings --set-mode job --name "Sam Rivera" --week-goal 4`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fl := cmd.Flags()
			changing := fl.Changed("set-mode") || fl.Changed("name") || fl.Changed("week-goal")
			if !changing && !asJSON && !print && a.stdinTTY() && a.stdoutTTY() {
				return a.editSettings()
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			set, err := st.Settings()
			if err != nil {
				return err
			}
			if changing {
				// Check everything before writing anything.
				next, err := applySettings(a.catalog(), set, fl.Changed("set-mode"), setMode, fl.Changed("name"), name, fl.Changed("week-goal"), weekGoal)
				if err != nil {
					return err
				}
				if err := st.SaveSettings(next); err != nil {
					return err
				}
				set = next
			}
			if asJSON {
				return writeJSON(a.jsonOut(), settingsJSON{Settings: set, DB: st.Path()})
			}
			printSettings(a.out(), a.catalog(), set, st.Path(), a.modeFlag, changing)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&print, "print", false, "print the settings instead of opening the form")
	fl.BoolVar(&asJSON, "json", false, "print the settings as JSON")
	fl.StringVar(&setMode, "set-mode", "", "save the mode: sales, job, school or personal")
	fl.StringVar(&name, "name", "", `your name, for the debrief e-mail ("" clears it)`)
	fl.IntVar(&weekGoal, "week-goal", 0, "active days a week you aim for, 1-7")
	return cmd
}

// applySettings validates the changes and returns the new settings; the
// first bad value is a usage error (exit 2) and nothing is changed.
func applySettings(cat *coach.Catalog, set journal.Settings, hasMode bool, mode string, hasName bool, name string, hasGoal bool, goal int) (journal.Settings, error) {
	if hasMode {
		m, err := cat.Mode(mode)
		if err != nil || strings.TrimSpace(mode) == "" {
			return set, usage("unknown mode %q for --set-mode; choose one of: %s", mode, strings.Join(cat.ModeIDs(), ", "))
		}
		set.Mode = m.ID
	}
	if hasName {
		n := strings.TrimSpace(name)
		if !utf8.ValidString(n) || strings.IndexFunc(n, unicode.IsControl) >= 0 {
			return set, usage("the name has control characters or line breaks; use plain text for --name")
		}
		if len([]rune(n)) > coach.MaxName {
			return set, usage("the name is %d characters long; keep it to %d", len([]rune(n)), coach.MaxName)
		}
		set.Name = n
	}
	if hasGoal {
		if goal < 1 || goal > 7 {
			return set, usage("the weekly goal is a number of active days from 1 to 7, not %d (--week-goal)", goal)
		}
		set.WeekGoal = goal
	}
	set.Welcomed = true
	return set, nil
}

func printSettings(w io.Writer, cat *coach.Catalog, set journal.Settings, db, modeFlag string, changed bool) {
	if changed {
		fmt.Fprintln(w, "Settings saved.")
	}
	mode := set.Mode
	if m, err := cat.Mode(set.Mode); err == nil {
		mode = fmt.Sprintf("%s (%s) — %s", m.Label, m.ID, m.Tagline())
	}
	name := textsafe.Inline(set.Name)
	if name == "" {
		name = "(not set; rebound settings --name \"Your Name\")"
	}
	goal := fmt.Sprintf("%d active days a week", set.WeekGoal)
	if set.WeekGoal == 1 {
		goal = "1 active day a week"
	}
	fmt.Fprintf(w, "Mode:        %s\n", mode)
	fmt.Fprintf(w, "Name:        %s\n", name)
	fmt.Fprintf(w, "Weekly goal: %s\n", goal)
	fmt.Fprintf(w, "Journal:     %s\n", textsafe.Inline(db))
	if modeFlag != "" {
		fmt.Fprintf(w, "--mode %s applies to this command only; --set-mode %s saves it.\n", modeFlag, modeFlag)
	}
}

// editSettings opens the settings form and, once it closes, prints what
// was saved (nothing when the user left without saving).
func (a *app) editSettings() error {
	st, err := a.open()
	if err != nil {
		return err
	}
	before, err := st.Settings()
	if err != nil {
		return err
	}
	if _, err := a.runProgram(common.Navigate{To: common.ScreenWelcome}); err != nil {
		return err
	}
	after, err := st.Settings()
	if err != nil || after.Equal(before) {
		return err
	}
	printSettings(a.out(), a.catalog(), after, st.Path(), "", true)
	return nil
}
