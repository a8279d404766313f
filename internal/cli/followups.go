package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// followUpJSON is one line of `rebound followups --json`.
type followUpJSON struct {
	ID        uint64          `json:"id"`
	Who       string          `json:"who"`
	Due       journal.Day     `json:"due"`
	Overdue   bool            `json:"overdue"`
	Today     bool            `json:"today"`
	DaysLate  int             `json:"days_late"`
	DaysSince int             `json:"days_since"`
	Next      string          `json:"next"`
	Change    string          `json:"change"`
	Kind      journal.Kind    `json:"kind,omitempty"`
	Outcome   journal.Outcome `json:"outcome"`
	Date      journal.Day     `json:"date"`
}

func (a *app) followupsCommand() *cobra.Command {
	var (
		print, asJSON bool
		days          int
	)
	cmd := &cobra.Command{
		Use:   "followups",
		Short: "Who to follow up with: overdue, today and the next 14 days",
		Long: `Who to follow up with: overdue, due today and coming up (the next 14 days by
default), each with what would need to change for them to revisit it, the next
step and how long ago the No was. On a terminal it opens the follow-ups screen
(done, snooze, reschedule, outcome, debrief kit); --print or a pipe prints text,
--json a list. Recent No's without a follow-up date are listed with a suggested
date, which you set yourself (rebound edit ID --follow-up DATE).`,
		Example: `  rebound followups
  rebound followups --print
  rebound followups --json --days 30`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if days < 1 || days > 3660 {
				return usage("--days is %d; use a number of days from 1 to 3660", days)
			}
			if !print && !asJSON && !cmd.Flags().Changed("days") && a.stdoutTTY() && a.stdinTTY() {
				return a.runTUI(common.Navigate{To: common.ScreenFollowUps})
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			today := journal.Today(a.now())
			nos, err := st.FollowUps(today.AddDays(days))
			if err != nil {
				return err
			}
			g := followup.Classify(nos, today, days)
			if asJSON {
				return writeJSON(a.stdout, followUpsJSON(g))
			}
			mode, _, err := a.mode(st)
			if err != nil {
				return err
			}
			recent, _, err := st.ListNos(store.Query{From: today.AddDays(-30), Outcome: string(journal.OutcomeOpen)})
			if err != nil {
				return err
			}
			var sug []suggested
			for _, n := range recent {
				md := mode
				if m, err := a.catalog.Mode(n.Mode); err == nil && n.Mode != "" {
					md = m
				}
				if s, ok := followup.Suggest(md, n, today); ok {
					sug = append(sug, suggested{n, s})
				}
			}
			printFollowUps(a.out(), g, sug, days)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&print, "print", false, "print plain text instead of opening the screen")
	fl.BoolVar(&asJSON, "json", false, "print JSON: a list with id, who, due, overdue, next, change...")
	fl.IntVar(&days, "days", followup.UpcomingDays, "how many days ahead to look")
	return cmd
}

type suggested struct {
	no journal.No
	s  followup.Suggestion
}

func followUpsJSON(g followup.Groups) []followUpJSON {
	out := []followUpJSON{}
	for _, it := range g.All() {
		out = append(out, followUpJSON{
			ID: it.No.ID, Who: it.No.Who, Due: it.Due, Overdue: it.Overdue(), Today: it.DaysLate == 0 && it.DaysUntil == 0,
			DaysLate: it.DaysLate, DaysSince: it.DaysSince, Next: it.No.Next, Change: it.No.Change,
			Kind: it.No.Kind, Outcome: it.No.Outcome, Date: it.No.Date,
		})
	}
	return out
}

// printFollowUps prints the follow-ups by section, then the suggestions.
func printFollowUps(w io.Writer, g followup.Groups, sug []suggested, days int) {
	if g.Len() == 0 && len(sug) == 0 {
		fmt.Fprintf(w, "Nothing to follow up in the next %d days.\n", days)
		fmt.Fprintln(w, `Give a No a follow-up date: rebound edit ID --follow-up "in 2 weeks"`)
		return
	}
	whoW := 8
	for _, it := range g.All() {
		whoW = max(whoW, min(28, textsafe.Width(textsafe.Inline(it.No.Who))))
	}
	section := func(title string, items []followup.Item, when func(followup.Item) string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%d)\n", title, len(items))
		for _, it := range items {
			n := it.No
			ago := "No " + dayCount(it.DaysSince) + " ago"
			if it.DaysSince == 0 {
				ago = "No today"
			}
			line := fmt.Sprintf("  #%-4d %s  %s  %s", n.ID, textsafe.PadRight(n.Who, whoW), when(it), ago)
			if n.Outcome != journal.OutcomeOpen {
				line += " · " + string(n.Outcome)
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
			if c := strings.TrimSpace(n.Change); c != "" {
				fmt.Fprintf(w, "         to revisit: %s\n", textsafe.Inline(c))
			}
			if x := strings.TrimSpace(n.Next); x != "" {
				fmt.Fprintf(w, "         next: %s\n", textsafe.Inline(x))
			}
		}
		fmt.Fprintln(w)
	}
	section("Overdue", g.Overdue, func(it followup.Item) string {
		return fmt.Sprintf("due %s, %s late ·", it.Due, dayCount(it.DaysLate))
	})
	section("Today", g.Today, func(it followup.Item) string { return "due today ·" })
	section(fmt.Sprintf("Next %d days", days), g.Upcoming, func(it followup.Item) string {
		return fmt.Sprintf("due %s, in %s ·", it.Due, dayCount(it.DaysUntil))
	})
	if len(sug) > 0 {
		fmt.Fprintf(w, "Suggested — recent No's without a follow-up date (%d)\n", len(sug))
		for _, s := range sug {
			fmt.Fprintf(w, "  #%-4d %s  %s — %s\n", s.no.ID, textsafe.PadRight(s.no.Who, whoW), s.s.Day, s.s.Why)
		}
		fmt.Fprintf(w, "  Set one: rebound edit ID --follow-up DATE (e.g. rebound edit %d --follow-up %s)\n", sug[0].no.ID, sug[0].s.Day)
	}
}

func dayCount(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
