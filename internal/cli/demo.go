package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/demo"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

func (a *app) demoCommand() *cobra.Command {
	var (
		nos, days int
		seed      uint64
	)
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill a journal with realistic sample data (to try Rebound, or for benchmarks)",
		Long: `Fill a journal with realistic sample data: No's spread over the last --days on
working days, every mode's reasons in plausible proportions, kinds, competitors,
turnaround answers, outcomes (some turned into yes after follow-ups), follow-ups
past and future, reflections on most days, wins and tags. The same --seed always
gives the same journal. Use a separate file so your own journal stays yours.`,
		Example: `  rebound demo --db /tmp/demo.db && rebound --db /tmp/demo.db
  rebound demo --db /tmp/big.db --nos 100000 --days 1825 --seed 7`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if nos < 0 || nos > 2_000_000 {
				return usage("--nos is %d; use 0 to 2000000", nos)
			}
			if days < 1 || days > 36500 {
				return usage("--days is %d; use 1 to 36500", days)
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			if n, err := st.Count(); err != nil {
				return err
			} else if n > 0 && a.dbFlag == "" && a.stdinTTY() {
				return usage("this journal already has %d No's; fill a separate file with --db /tmp/demo.db", n)
			}
			// One mode per journal, like a real user's: --mode, else the saved mode.
			mode, _, err := a.mode(st)
			if err != nil {
				return err
			}
			start := time.Now()
			g, err := demo.NewGenerator(a.catalog(), demo.Options{Nos: nos, Days: days, Seed: seed, Today: journal.Today(a.now()), Mode: mode.ID})
			if err != nil {
				return err
			}
			// A batch at a time: the whole 100k in memory took 170 MiB.
			var buf []journal.No
			// The ids of the few No's whose referral became a win, by their
			// place in the generation order: the wins name them so.
			ids, made := map[uint64]uint64{}, uint64(0)
			for buf = g.Next(buf, store.BatchSize); len(buf) > 0; buf = g.Next(buf, store.BatchSize) {
				if err := st.SeedNos(buf); err != nil {
					return err
				}
				for i := range buf {
					if n := made + uint64(i) + 1; g.Referred(n) {
						ids[n] = buf[i].ID
					}
				}
				made += uint64(len(buf))
			}
			j := g.Rest()
			for i := range j.Wins {
				if from := j.Wins[i].ReferralFrom; from != 0 {
					j.Wins[i].ReferralFrom = ids[from]
				}
			}
			if err := st.SeedRest(j.Reflections, j.Wins, j.RestDays); err != nil {
				return err
			}
			set, err := st.Settings()
			if err == nil && !set.Welcomed {
				// As the welcome would: the mode's week (the demo rep
				// reflects Monday to Friday, so weekends keep the streak).
				set.Welcomed = true
				set.Mode = mode.ID
				set.Workdays = journal.DefaultWorkdays(mode.ID)
				err = st.SaveSettings(set)
			}
			if err != nil {
				return err
			}
			// A weekly review for most past weeks: home shows last week's focus.
			if err := st.SeedReviews(demo.Reviews(mode.ID, journal.Today(a.now()), set.Workweek(), seed, days)); err != nil {
				return err
			}
			// An ended and a running experiment (insights and home show
			// them), unless the mode has some already.
			if have, err := st.Experiments(mode.ID); err != nil {
				return err
			} else if len(have) == 0 {
				for _, e := range demo.Experiments(mode.ID, journal.Today(a.now()), days) {
					if err := st.AddExperiment(&e, a.now()); err != nil {
						return err
					}
				}
			}
			fmt.Fprintf(a.out(), "Added %d No's, %d reflections, %d wins over %d days to %s in %v.\nTry it: rebound --db %q\n",
				nos, len(j.Reflections), len(j.Wins), days, st.Path(), time.Since(start).Round(time.Millisecond), st.Path())
			return nil
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&nos, "nos", 300, "how many No's")
	fl.IntVar(&days, "days", 365, "spread over this many days up to today")
	fl.Uint64Var(&seed, "seed", 1, "the same seed gives the same journal")
	return cmd
}
