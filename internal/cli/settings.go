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
	// Workdays is always the list, all seven when none were chosen, so a
	// script need not know the default.
	Workdays []string `json:"workdays"`
	DB       string   `json:"db"`
	// ICSFile is the calendar file kept up to date (settings --ics-file);
	// it is this machine's, so it lives beside the settings, not in them.
	ICSFile    string `json:"ics_file,omitempty"`
	ICSDetails bool   `json:"ics_details,omitempty"`
}

func (a *app) settingsCommand() *cobra.Command {
	var (
		asJSON, print           bool
		setMode, name, workdays string
		support, moodNote       string
		weekGoal                int
		icsFile                 string
		icsDetails              bool
	)
	cmd := &cobra.Command{
		Use:   "settings",
		Short: "Your mode, name, workdays and weekly goal: edit them on a terminal, or change them with flags",
		Long: `Settings are kept in the journal file. On a terminal with no flags this opens the
settings form; with --set-mode, --name, --workdays or --week-goal it changes them
without a form and prints the result. --mode only switches the mode for one
command; --set-mode saves it.

Workdays are the days your streak counts: a day outside them never breaks a
streak, and the weekly goal is met on workdays alone. Streaks are worked out
from your days each time, so changing the workdays recounts past streaks too.
A journal that never chose keeps all seven days.`,
		Example: `  rebound settings
  rebound settings --print
  rebound settings --json
  rebound settings --set-mode job --name "Sam Rivera" --week-goal 4
  rebound settings --workdays mon,tue,wed,thu,fri
  rebound settings --workdays every-day
  rebound settings --ics-file ~/Calendars/follow-ups.ics
  rebound settings --ics-file off`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fl := cmd.Flags()
			changing := fl.Changed("set-mode") || fl.Changed("name") || fl.Changed("week-goal") || fl.Changed("workdays") ||
				fl.Changed("support") || fl.Changed("mood-note")
			if !changing && !asJSON && !print && a.stdinTTY() && a.stdoutTTY() {
				return a.editSettings()
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			if fl.Changed("ics-file") || fl.Changed("ics-details") {
				if err := a.setCalendarFile(st, fl.Changed("ics-file"), icsFile, icsDetails); err != nil || (!changing && !asJSON && !print) {
					return err
				}
			}
			set, err := st.Settings()
			if err != nil {
				return err
			}
			if changing {
				// Check everything before writing anything.
				ch := settingsChange{hasMode: fl.Changed("set-mode"), mode: setMode, hasName: fl.Changed("name"), name: name,
					hasGoal: fl.Changed("week-goal"), goal: weekGoal, hasWorkdays: fl.Changed("workdays"), workdays: workdays}
				next, notes, err := applySettings(a.catalog(), set, ch)
				if err != nil {
					return err
				}
				if fl.Changed("support") {
					next.Support = strings.TrimSpace(support)
					if len(next.Support) > journal.MaxField {
						return usage("--support is %d KB; the limit is %d KB", len(next.Support)>>10, journal.MaxField>>10)
					}
				}
				if fl.Changed("mood-note") {
					switch strings.ToLower(strings.TrimSpace(moodNote)) {
					case "on":
						next.MoodNoteOff = false
					case "off":
						next.MoodNoteOff = true
					default:
						return usage("--mood-note is %q; use on or off", moodNote)
					}
				}
				if err := st.SaveSettings(next); err != nil {
					return err
				}
				set = next
				if asJSON {
					// stdout stays one JSON document.
					printNotes(a.stderr, notes)
				} else {
					defer printNotes(a.out(), notes)
				}
			}
			if asJSON {
				cf, err := st.CalendarFile()
				if err != nil {
					return err
				}
				return writeJSON(a.jsonOut(), settingsJSON{Settings: set, Workdays: set.Workweek().IDs(), DB: st.Path(),
					ICSFile: cf.Path, ICSDetails: cf.Details})
			}
			printSettings(a.out(), a.catalog(), set, st.Path(), a.modeFlag, changing)
			return printCalendarSetting(a.out(), st)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&print, "print", false, "print the settings instead of opening the form")
	fl.BoolVar(&asJSON, "json", false, "print the settings as JSON")
	fl.StringVar(&setMode, "set-mode", "", "save the mode: sales, job, school or personal")
	fl.StringVar(&name, "name", "", `your name, for the debrief e-mail ("" clears it)`)
	fl.IntVar(&weekGoal, "week-goal", 0, "active days a week you aim for, 1-7 (at most your workdays)")
	fl.StringVar(&support, "support", "", `your own line for a rough stretch, shown with home's care note (e.g. "Call Maya")`)
	fl.StringVar(&moodNote, "mood-note", "", "on or off: home's short note after several rough days (on by default)")
	fl.StringVar(&workdays, "workdays", "", `the days your streak counts, e.g. mon,tue,wed,thu,fri, mon-fri or every-day`)
	fl.StringVar(&icsFile, "ics-file", "", `keep this iCalendar file of your follow-ups up to date after every write ("off" stops it)`)
	fl.BoolVar(&icsDetails, "ics-details", false, "with --ics-file: events carry what would need to change and the next step")
	return cmd
}

func printNotes(w io.Writer, notes []string) {
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
}

// settingsChange is what the flags of `rebound settings` ask to change.
type settingsChange struct {
	hasMode, hasName, hasGoal, hasWorkdays bool
	mode, name, workdays                   string
	goal                                   int
}

// applySettings validates the changes and returns the new settings and
// what to tell the user about them (past streaks recounted, a goal lowered
// to fit the workdays); the first bad value is a usage error (exit 2) and
// nothing is changed.
func applySettings(cat *coach.Catalog, set journal.Settings, ch settingsChange) (journal.Settings, []string, error) {
	hasMode, mode, hasName, name, hasGoal, goal := ch.hasMode, ch.mode, ch.hasName, ch.name, ch.hasGoal, ch.goal
	var notes []string
	if hasMode {
		m, err := cat.Mode(mode)
		if err != nil || strings.TrimSpace(mode) == "" {
			return set, nil, usage("unknown mode %q for --set-mode; choose one of: %s", mode, strings.Join(cat.ModeIDs(), ", "))
		}
		set.Mode = m.ID
	}
	if hasName {
		n := strings.TrimSpace(name)
		if !utf8.ValidString(n) || strings.IndexFunc(n, unicode.IsControl) >= 0 {
			return set, nil, usage("the name has control characters or line breaks; use plain text for --name")
		}
		if len([]rune(n)) > coach.MaxName {
			return set, nil, usage("the name is %d characters long; keep it to %d", len([]rune(n)), coach.MaxName)
		}
		set.Name = n
	}
	was := set.Workweek()
	if ch.hasWorkdays {
		ids, err := journal.ParseWorkdays(strings.ReplaceAll(ch.workdays, "every-day", "every day"))
		if err != nil {
			return set, nil, usage("--workdays: %v", err)
		}
		set.Workdays = ids
	}
	week := set.Workweek()
	if hasGoal {
		if goal < 1 || goal > 7 {
			return set, nil, usage("the weekly goal is a number of active days from 1 to 7, not %d (--week-goal)", goal)
		}
		if goal > week.Count() {
			return set, nil, usage("the weekly goal is met on workdays, and yours are %s: choose a --week-goal from 1 to %d", week, week.Count())
		}
		set.WeekGoal = goal
	} else if set.WeekGoal > week.Count() {
		set.WeekGoal = week.Count()
		notes = append(notes, fmt.Sprintf("The weekly goal is now %s, all of your workdays.", goalWords(set.WeekGoal)))
	}
	if week != was {
		notes = append([]string{journal.WorkdaysChanged(week)}, notes...)
	}
	set.Welcomed = true
	return set, notes, nil
}

func goalWords(g int) string {
	if g == 1 {
		return "1 active day a week"
	}
	return fmt.Sprintf("%d active days a week", g)
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
	fmt.Fprintf(w, "Mode:        %s\n", mode)
	fmt.Fprintf(w, "Name:        %s\n", name)
	fmt.Fprintf(w, "Workdays:    %s\n", workdaysLine(set.Workweek()))
	fmt.Fprintf(w, "Weekly goal: %s\n", goalWords(set.WeekGoal))
	fmt.Fprintf(w, "Journal:     %s\n", textsafe.Inline(db))
	if modeFlag != "" {
		fmt.Fprintf(w, "--mode %s applies to this command only; --set-mode %s saves it.\n", modeFlag, modeFlag)
	}
}

// workdaysLine says the workdays and what they mean for the streak.
func workdaysLine(w journal.Workweek) string {
	if w.Count() == 7 {
		return "every day (rebound settings --workdays mon,tue,wed,thu,fri for a working week)"
	}
	return w.String() + " (other days never break a streak)"
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
	if w := after.Workweek(); w != before.Workweek() {
		fmt.Fprintln(a.out(), journal.WorkdaysChanged(w))
	}
	return nil
}
