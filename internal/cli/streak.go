package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/progress"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/render"
	"github.com/rebound-coach/rebound/internal/words"
)

// printHeatWeeks is the heatmap of `rebound streak --print`: half a year,
// two columns a week, so it fits 80 columns with room to spare.
const printHeatWeeks = 26

// restDefault is the day a bare --rest marks.
const restDefault = "today"

func (a *app) streakCommand() *cobra.Command {
	var (
		print, asJSON bool
		rest, unrest  string
	)
	cmd := &cobra.Command{
		Use:   "streak",
		Short: "Your streak of active days: current, longest, this week, a heatmap (the screen, or --print / --json)",
		Long: `An active day is a day with a completed reflection or at least one reframed No
(a reason, their answer to the turnaround question, and a lesson). A No counts
for the day it happened, so one logged with --date fills that day.

A day outside your workdays (rebound settings --workdays mon,tue,wed,thu,fri)
never breaks a streak, and the weekly goal is met on workdays alone; something
done on such a day still counts. A rest day keeps your streak going through the
odd workday off without adding to it; a week (Monday to Sunday) gets one.
Missing a workday simply starts a new streak.`,
		Example: `  rebound streak
  rebound streak --print
  rebound streak --json
  rebound streak --rest            # today is a rest day
  rebound streak --rest saturday
  rebound streak --unrest 2026-11-21`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				// `--rest` takes an optional date, so pflag reads `--rest 2026-11-25`
				// as a bare --rest and an argument: the words are the date.
				if !cmd.Flags().Changed("rest") || rest != restDefault {
					return usage("streak takes no arguments (got %q); for a rest day use --rest DATE", strings.Join(args, " "))
				}
				rest = strings.Join(args, " ")
			}
			if rest != "" && unrest != "" {
				return usage("--rest and --unrest can't be used together; run one, then the other")
			}
			changing := rest != "" || unrest != ""
			if !changing && !print && !asJSON && a.stdoutTTY() && a.stdinTTY() {
				return a.runTUI(common.Navigate{To: common.ScreenStreak})
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			set, err := a.settings()
			if err != nil {
				return err
			}
			today := journal.Today(a.now())
			// Confirmations go to stderr under --json, so stdout stays one JSON document.
			note := a.out()
			if asJSON {
				note = a.stderr
			}
			switch {
			case rest != "":
				if err := a.markRest(st, rest, today, set.Workweek(), note); err != nil {
					return err
				}
			case unrest != "":
				if err := a.unmarkRest(st, unrest, note); err != nil {
					return err
				}
			}
			in, res, err := progress.Streak(st, today, set)
			if err != nil {
				return err
			}
			switch {
			case asJSON:
				return writeJSON(a.jsonOut(), res)
			case changing && !print:
				fmt.Fprintln(note, streak.Describe(res))
				return nil
			}
			printStreak(a.out(), in, res)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&print, "print", false, "print plain text instead of opening the screen")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	fl.StringVar(&rest, "rest", "", "mark a day as a rest day (default today; one per week)")
	fl.Lookup("rest").NoOptDefVal = restDefault
	fl.StringVar(&unrest, "unrest", "", "remove the rest day on this date")
	return cmd
}

// markRest stores day (a date in words) as a rest day, within the week's rule.
func (a *app) markRest(st *store.Store, when string, today journal.Day, week journal.Workweek, w io.Writer) error {
	day, err := dates.Parse(when, a.now())
	if err != nil {
		return usage("--rest: %v", err)
	}
	days, err := st.RestDays()
	if err != nil {
		return err
	}
	if days[day] {
		fmt.Fprintf(w, "%s is already a rest day.\n", day)
		return nil
	}
	if !week.Works(day) {
		// Don't spend the week's one rest day on a day that cannot break anything.
		fmt.Fprintf(w, "%s is outside your workdays (%s), so it never breaks a streak; it needs no rest day, and nothing changed.\n",
			sentenceCase(dayName(day, today)), week)
		return nil
	}
	if err := streak.CanRest(days, day); err != nil {
		if taken := progress.RestInWeek(days, day); taken != "" {
			return usage("the week of %s already has its rest day on %s, and a week gets one; to move it, run rebound streak --unrest %s first",
				day.WeekStart(), taken, taken)
		}
		return usage("--rest: %v", err)
	}
	if !today.Before(day) {
		// A day already active needs no rest: don't spend the week's one on it.
		in, err := progress.StreakInput(st, today, journal.Settings{})
		if err != nil {
			return err
		}
		if in.Activity[day] > 0 {
			fmt.Fprintf(w, "%s is already an active day, so it needs no rest day; nothing changed.\n", dayName(day, today))
			return nil
		}
	}
	if err := st.SetRestDay(day, true); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s is a rest day: it keeps your streak going without adding to it.\n", sentenceCase(dayName(day, today)))
	return nil
}

func (a *app) unmarkRest(st *store.Store, when string, w io.Writer) error {
	day, err := dates.Parse(when, a.now())
	if err != nil {
		return usage("--unrest: %v", err)
	}
	days, err := st.RestDays()
	if err != nil {
		return err
	}
	if !days[day] {
		fmt.Fprintf(w, "%s was not a rest day; nothing changed.\n", day)
		return nil
	}
	if err := st.SetRestDay(day, false); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s is no longer a rest day.\n", day)
	return nil
}

func dayName(d, today journal.Day) string {
	switch d {
	case today:
		return "today (" + string(d) + ")"
	case today.AddDays(-1):
		return "yesterday (" + string(d) + ")"
	case today.AddDays(1):
		return "tomorrow (" + string(d) + ")"
	}
	return string(d)
}

func sentenceCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// printStreak writes the streak as plain text: the sentence, the figures
// and half a year of heatmap in plain glyphs.
func printStreak(w io.Writer, in streak.Input, r streak.Result) {
	fmt.Fprintln(w, streak.Describe(r))
	fmt.Fprintln(w)
	days := func(n int) string { return words.Count(n, "day", "days") }
	row := func(label, value string) { fmt.Fprintf(w, "  %-16s%s\n", label, value) }
	switch {
	case r.Current == 0:
		row("current streak", "none running")
	case r.AtRisk:
		row("current streak", fmt.Sprintf("%s · since %s · at risk: today isn't active yet", days(r.Current), r.CurrentStart))
	default:
		row("current streak", fmt.Sprintf("%s · since %s", days(r.Current), r.CurrentStart))
	}
	switch {
	case r.Longest == 0:
		row("longest streak", "none yet")
	case r.LongestStart == r.LongestEnd:
		row("longest streak", fmt.Sprintf("%s · %s", days(r.Longest), r.LongestStart))
	default:
		row("longest streak", fmt.Sprintf("%s · %s – %s", days(r.Longest), r.LongestStart, r.LongestEnd))
	}
	week := fmt.Sprintf("%d active", r.WeekActive)
	if r.WeekGoal > 0 {
		week = fmt.Sprintf("%d of %d active days", r.WeekActive, r.WeekGoal)
		if r.WeekActive >= r.WeekGoal {
			week += " · goal reached"
		}
	}
	switch {
	case r.TodayRest:
		week += " · today is a rest day"
	case r.TodayOff:
		week += " · today is outside your workdays"
	}
	row("this week", week)
	if ww := journal.WorkweekOf(r.Workdays); ww.Count() < 7 {
		row("workdays", ww.String()+" · other days never break a streak")
	} else {
		row("workdays", "every day (rebound settings --workdays for a working week)")
	}
	total := fmt.Sprintf("%d active days", r.TotalActive)
	if r.TotalActive == 1 {
		total = "1 active day"
	}
	row("total", total)
	if r.TotalActive == 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "No active days yet. Finish a reflection (rebound reflect) or reframe a No")
		fmt.Fprintln(w, "(rebound reframe ID) and today starts your streak.")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Last %d weeks:\n", printHeatWeeks)
	for _, l := range render.DrawHeatmap(streak.Heatmap(in, printHeatWeeks), 2, nil) {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w, "a day: "+render.LegendLine(nil, in.Workdays.Count() < 7))
}
