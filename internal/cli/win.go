package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

func (a *app) winCommand() *cobra.Command {
	var who, what, date, referralFrom string
	cmd := &cobra.Command{
		Use:   "win",
		Short: "Log a yes that did not start as a No",
		Long: `Log a yes that did not start as a No — a deal, an offer, a good grade — to keep
it in your history and re-read it on a rough day. It does not change how often your No's
turn around: that counts No's only. (A No that turned into a yes: rebound edit ID --outcome yes.)`,
		Example: `  rebound win --who "Initech" --what "Annual plan, 40 seats"
  rebound win --who "Globex" --date yesterday
  rebound win --who "Initech" --referral-from 12   # the yes came from No #12's referral`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if strings.TrimSpace(who) == "" && strings.TrimSpace(what) == "" {
				return usage(`say who said yes (--who) or what it was (--what), e.g. rebound win --who "Initech"`)
			}
			now := a.now()
			w := journal.Win{Who: strings.TrimSpace(who), What: strings.TrimSpace(what), Date: journal.Today(now)}
			if cmd.Flags().Changed("date") {
				d, err := dates.Parse(date, now)
				if err != nil {
					return usage("--date: %v", err)
				}
				w.Date = d
			}
			for name, v := range map[string]string{"--who": w.Who, "--what": w.What} {
				if len(v) > journal.MaxField {
					return usage("%s is %d KB; the limit is %d KB", name, len(v)>>10, journal.MaxField>>10)
				}
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			mode, _, err := a.mode(st)
			if err != nil {
				return err
			}
			w.Mode = mode.ID
			if cmd.Flags().Changed("referral-from") {
				id, err := parseID(referralFrom)
				if err != nil {
					return usage("--referral-from: %q is not a No id; ids are whole numbers like 12 (see rebound journal --print)", referralFrom)
				}
				if _, err := st.GetNo(id); errors.Is(err, store.ErrNotFound) {
					return usage("--referral-from: there is no No #%d; name the No whose referral led to this yes (see rebound journal --print)", id)
				} else if err != nil {
					return err
				}
				w.ReferralFrom = id
			}
			if err := st.AddWin(&w, now); err != nil {
				return fmt.Errorf("save the win: %w", err)
			}
			fmt.Fprintln(a.out(), winLine(w))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&who, "who", "", "who said yes")
	fl.StringVar(&what, "what", "", "what the yes was (a deal, an offer...)")
	fl.StringVar(&date, "date", "", "when (default today): "+dates.Hint)
	fl.StringVar(&referralFrom, "referral-from", "", "the No whose referral led to this yes (its id)")
	return cmd
}

// winLine is the one line printed after a win, with a brief celebration.
func winLine(w journal.Win) string {
	s := "🎉 Logged a win"
	if w.Who != "" {
		s += ": " + textsafe.Truncate(w.Who, 60)
	}
	if w.What != "" {
		if w.Who != "" {
			s += " —"
		} else {
			s += ":"
		}
		s += " " + textsafe.Truncate(w.What, 80)
	}
	return fmt.Sprintf("%s (%s). Every yes counts.", s, w.Date)
}
