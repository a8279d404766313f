package cli

import (
	"fmt"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/progress"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/render"
)

// printWidth is the width of `rebound insights --print` (narrower when the terminal is).
const printWidth = 80

func (a *app) insightsCommand() *cobra.Command {
	var (
		print, asJSON bool
		period        string
		from, to      string
	)
	cmd := &cobra.Command{
		Use:   "insights",
		Short: "The patterns in your No's for a period (the screen, or --print / --json)",
		Long: `Reasons and kinds of no against the previous period, the reasons you assumed
against the real ones, a 12-week trend, what they chose instead (competitors in
sales, stronger profiles or work in job and school), how often a No turned into
a maybe or a yes, how it felt, and the suggestions that fit your patterns.`,
		Example: `  rebound insights
  rebound insights --period 7d --print
  rebound insights --period all --json
  rebound insights --from 2026-10-01 --to 2026-10-31 --print`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := insights.ParsePeriod(period)
			if err != nil {
				return usage("--period: %v", err)
			}
			// --from/--to: the report of those days, computed as on the
			// last of them (the previous period is as many days before).
			today := journal.Today(a.now())
			if from != "" || to != "" {
				if cmd.Flags().Changed("period") {
					return usage("--period and --from/--to choose the days twice; give one of them")
				}
				f, t, err := a.dateRange(from, to)
				if err != nil {
					return err
				}
				if t == "" || today.Before(t) {
					t = today
				}
				if f != "" && t.Before(f) {
					return usage("--from %s is after today; pick a day that has passed", f)
				}
				p, today = insights.Between(f, t), t
				print = print || !asJSON // the screen shows its own periods
			}
			if !print && !asJSON && a.stdoutTTY() && a.stdinTTY() {
				// The screen opens on the period given (Name carries it).
				return a.runTUI(common.Navigate{To: common.ScreenInsights, Name: p.Name})
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			mode, _, err := a.mode(st)
			if err != nil {
				return err
			}
			r, err := progress.Insights(st, mode, p, today)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.jsonOut(), r)
			}
			fmt.Fprintln(a.out(), render.Insights(r, a.printWidth(), render.Plain()))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&print, "print", false, "print plain text instead of opening the screen")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	fl.StringVar(&period, "period", insights.DefaultPeriod.Name, "the period: 7d, 30d, 90d or all")
	fl.StringVar(&from, "from", "", `the report of the days from this one ("1 month ago", 2026-10-01); prints it`)
	fl.StringVar(&to, "to", "", "the report of the days up to this one (default today)")
	return cmd
}

// printWidth is 80 columns, or the terminal's width when it is narrower.
func (a *app) printWidth() int {
	if f, ok := a.stdout.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 && w < printWidth {
			return max(w, render.MinWidth)
		}
	}
	return printWidth
}
