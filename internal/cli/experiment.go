package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

func (a *app) experimentCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "experiment",
		Short: "Try a change in your pitch and see whether the No's it targets become rarer",
		Long: `An experiment is a change you try from a day on ("Lead with ROI") and the reasons it
should make rarer (--watch price,budget). Rebound compares the share of those reasons
among your No's of the mode since the start (to its end, or today) with the same number
of days just before it, with the counts, and says what a two-sided two-proportion test
at 95% finds: too-early (fewer than 10 No's on either side), no-change, helping (the
share fell) or hurting (it rose).`,
		Example: `  rebound experiment start "Lead with ROI" --watch price,budget
  rebound experiment list
  rebound experiment list --json
  rebound experiment end 1`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(a.experimentStartCommand(), a.experimentListCommand(), a.experimentEndCommand())
	return cmd
}

func (a *app) experimentStartCommand() *cobra.Command {
	var watch, date string
	cmd := &cobra.Command{
		Use:   "start [NAME] --watch IDS",
		Short: "Start an experiment: what you change, and the reasons it should make rarer",
		Example: `  rebound experiment start "Lead with ROI" --watch price,budget
  rebound experiment start "Send the case study first" --watch trust --date "3 days ago"
  rebound --accessible experiment start   # asks for each, as plain questions`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				if a.accessible {
					return a.withPrompter(cmd.Context(), a.experimentAccessible)
				}
				return usage(`name the change, e.g. rebound experiment start "Lead with ROI" --watch price,budget (with --accessible it asks)`)
			}
			now := a.now()
			today := journal.Today(now)
			e := journal.Experiment{Name: strings.TrimSpace(args[0]), Watch: splitIDs(watch), Start: today}
			if cmd.Flags().Changed("date") {
				d, err := dates.Parse(date, now)
				if err != nil {
					return usage("--date: %v", err)
				}
				e.Start = d
			}
			if e.Start > today {
				return usage("--date: %s is in the future; an experiment starts today or on a day that has passed", e.Start)
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			mode, _, err := a.mode(st)
			if err != nil {
				return err
			}
			e.Mode = mode.ID
			if len(e.Watch) == 0 {
				return usage("say which reasons the change should make rarer with --watch, e.g. --watch %s (one of: %s)",
					strings.Join(mode.ReasonIDs()[:min(2, len(mode.ReasonIDs()))], ","), strings.Join(mode.ReasonIDs(), ", "))
			}
			if err := e.Validate(a.catalog()); err != nil {
				return err
			}
			if err := st.AddExperiment(&e, now); err != nil {
				return err
			}
			fmt.Fprintf(a.out(), "Started experiment #%d “%s” (%s) on %s, watching %s.\n", e.ID, e.Name, e.Mode, e.Start, strings.Join(e.Watch, ", "))
			fmt.Fprintln(a.out(), "It compares how often those reasons come up in your No's from now on with the same number of days before; rebound experiment list shows how it goes.")
			return nil
		},
	}
	cmd.Flags().StringVar(&watch, "watch", "", "the reason ids the change should make rarer, comma-separated (see rebound reasons)")
	cmd.Flags().StringVar(&date, "date", "", "the first day of the change (default today): "+dates.Hint)
	return cmd
}

// splitIDs reads "price, budget" as [price budget], dropping empty parts.
func splitIDs(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (a *app) experimentListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "The experiments of the mode, with their counts and what the test says",
		Example: `  rebound experiment list
  rebound experiment list --json --mode job`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open()
			if err != nil {
				return err
			}
			mode, _, err := a.mode(st)
			if err != nil {
				return err
			}
			rs, err := experiment.Load(st, mode.ID, journal.Today(a.now()), false)
			if err != nil {
				return err
			}
			if asJSON {
				if rs == nil {
					rs = []experiment.Report{}
				}
				return writeJSON(a.jsonOut(), rs)
			}
			w := a.out()
			if len(rs) == 0 {
				fmt.Fprintf(w, "No experiments in %s mode yet. Start one: rebound experiment start \"Lead with ROI\" --watch %s\n",
					mode.ID, strings.Join(mode.ReasonIDs()[:min(2, len(mode.ReasonIDs()))], ","))
				return nil
			}
			for i, r := range rs {
				if i > 0 {
					fmt.Fprintln(w)
				}
				for _, l := range r.Lines() {
					fmt.Fprintln(w, l)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) experimentEndCommand() *cobra.Command {
	var date string
	cmd := &cobra.Command{
		Use:   "end ID",
		Short: "End an experiment (today, or --date): its counts stop there",
		Example: `  rebound experiment end 1
  rebound experiment end 1 --date yesterday`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseExperimentID(args[0])
			if err != nil {
				return err
			}
			now := a.now()
			end := journal.Today(now)
			if cmd.Flags().Changed("date") {
				if end, err = dates.Parse(date, now); err != nil {
					return usage("--date: %v", err)
				}
				if end > journal.Today(now) {
					return usage("--date: %s is in the future; an experiment ends today or on a day that has passed", end)
				}
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			e, err := st.EndExperiment(id, end)
			switch {
			case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrExperimentEnded):
				return usageError{err}
			case err != nil:
				return err
			}
			fmt.Fprintf(a.out(), "Ended experiment #%d “%s” on %s.\n", e.ID, e.Name, e.End)
			return nil
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "its last day (default today): "+dates.Hint)
	return cmd
}

func parseExperimentID(s string) (uint64, error) {
	id, err := parseID(s)
	if err != nil {
		return 0, usage("%q is not an experiment id; ids are whole numbers like 1 (see rebound experiment list)", s)
	}
	return id, nil
}
