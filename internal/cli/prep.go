package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/prep"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/words"
)

// prepPrinted is how many of their No's the text card shows (--json
// carries prep.NosLimit).
const prepPrinted = 5

// maxCandidates is how many prospects a name that matches several lists.
const maxCandidates = 20

// errNoProspect is resolveWho's answer for a name that matches nobody.
type errNoProspect struct{ name string }

func (e errNoProspect) Error() string {
	return fmt.Sprintf("no No's from %q yet; rebound journal --print --search %q looks through every No", e.name, e.name)
}

// resolveWho is the prospect a typed name means: their name whole, or
// the one prospect whose name has words starting with the words typed.
// Several: a usage error (exit 2) that lists them, in the mode's word
// for them (plural: "prospects", "employers"); none: errNoProspect.
func resolveWho(st *store.Store, name, plural string) (string, error) {
	ms, more, err := st.MatchProspects(name, maxCandidates)
	if err != nil {
		return "", err
	}
	switch {
	case len(ms) == 0:
		return "", errNoProspect{name}
	case len(ms) == 1:
		return ms[0].Name, nil
	}
	return "", usage("%s", candidates(name, plural, ms, more))
}

// candidates says which prospects a name matches, one a line.
func candidates(name, plural string, ms []journal.ProspectMatch, more bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q matches %d %s; say which (in quotes, as written):", name, len(ms), plural)
	if more {
		b.Reset()
		fmt.Fprintf(&b, "%q matches more than %d %s; type more of the name. The first %d:", name, len(ms), plural, len(ms))
	}
	for _, m := range ms {
		fmt.Fprintf(&b, "\n  %s  (%s)", textsafe.Inline(m.Name), words.Count(m.Nos, "No", "No's"))
	}
	return b.String()
}

func (a *app) prepCommand() *cobra.Command {
	var print, asJSON bool
	cmd := &cobra.Command{
		Use:   "prep NAME",
		Short: "The card to read before you reach out to someone again",
		Long: `The card to read before you reach out again: their No's in their own words, the kind of no
and what would need to change (and whether you have marked it met), the next step and the
follow-up date, debrief answers, what similar No's taught you, how often this kind of no
turned around for you (from 10 No's of that kind on), a 10–15 minute research checklist and
an opening line that names their condition. NAME matches like who: "acme" finds "Acme Corp";
when several names match, they are listed. On a terminal it opens the prep screen (c marks
the condition met); --print or a pipe prints text, --json JSON (who, nos, condition,
condition_met, next, follow_up, lessons, odds, checklist).`,
		Example: `  rebound prep acme
  rebound prep "Acme Corp" --print
  rebound prep acme --json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := strings.Join(strings.Fields(strings.Join(args, " ")), " ")
			if name == "" {
				return usage("the name is empty: say who to prepare for, e.g. rebound prep \"Acme Corp\"")
			}
			if a.accessible && !print && !asJSON {
				return a.withPrompter(cmd.Context(), func(p *prompter) error { return a.prepAccessible(p, name) })
			}
			if !print && !asJSON && a.stdoutTTY() && a.stdinTTY() {
				_, err := a.runProgram(common.Navigate{To: common.ScreenPrep, Name: name})
				return err
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			mode, _, err := a.mode(st)
			if err != nil {
				return err
			}
			who, err := resolveWho(st, name, mode.Words.WhoPlural)
			if err != nil {
				return err
			}
			c, err := prep.Load(st, who, func(id string) *coach.Mode {
				if m, err := a.catalog().Mode(id); err == nil && id != "" {
					return m
				}
				return mode
			})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.jsonOut(), c)
			}
			printPrep(a.out(), c, journal.Today(a.now()), func(id string) *coach.Mode {
				if m, err := a.catalog().Mode(id); err == nil && id != "" {
					return m
				}
				return mode
			})
			return nil
		},
	}
	cmd.Flags().BoolVar(&print, "print", false, "print plain text instead of opening the screen")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// printPrep writes the card as text (--print, a pipe, the accessible mode).
func printPrep(w io.Writer, c prep.Card, today journal.Day, modeOf func(string) *coach.Mode) {
	fmt.Fprintf(w, "Prep: %s — %s, %s\n", textsafe.Inline(c.Who), words.Count(c.Total, "No", "No's"), words.Count(c.Yes, "yes", "yes"))
	if c.Condition != nil {
		state := "not marked met yet (rebound edit " + fmt.Sprint(c.ConditionID) + " --condition-met once it is)"
		if c.ConditionMet {
			state = "marked met"
		}
		fmt.Fprintf(w, "Their condition: “%s” — %s\n", textsafe.Inline(*c.Condition), state)
	} else {
		fmt.Fprintln(w, "Their condition: not asked yet — ask what would need to change for them to revisit this.")
	}
	if c.Next != nil {
		fmt.Fprintf(w, "Next step: %s\n", textsafe.Inline(*c.Next))
	}
	if c.FollowUp != nil {
		fmt.Fprintf(w, "Follow up: %s (%s)\n", *c.FollowUp, words.RelDays(today.DaysUntil(*c.FollowUp)))
	}
	fmt.Fprintln(w, "\nTheir No's, newest first:")
	shown := c.Nos[:min(len(c.Nos), prepPrinted)]
	for _, n := range shown {
		m := modeOf(n.Mode) // each No in its own mode's words
		head := []string{}
		if n.Reason != "" {
			head = append(head, m.ReasonLabel(n.Reason))
		}
		if ki, ok := m.KindInfo(n.Kind); ok {
			head = append(head, ki.Label)
		}
		head = append(head, n.Outcome.Words())
		fmt.Fprintf(w, "#%d  %s  %s\n", n.ID, n.Date, strings.Join(head, " · "))
		row := func(label, v string) {
			if strings.TrimSpace(v) != "" {
				printRow(w, label, v)
			}
		}
		if n.Said != "" {
			row("said", "“"+n.Said+"”")
		}
		row("in their words", n.ReasonText)
		if n.Change != "" {
			met := ""
			if n.ConditionMet {
				met = " (met)"
			}
			row("to revisit", n.Change+met)
		}
	}
	if more := c.Total - len(shown); more > 0 {
		fmt.Fprintf(w, "… and %d older: rebound who %q\n", more, textsafe.Inline(c.Who))
	}
	if len(c.Debrief) > 0 {
		fmt.Fprintf(w, "\nDebrief answers (No #%d):\n", c.DebriefID)
		for _, d := range c.Debrief {
			printRow(w, "", textsafe.Inline(d.Prompt)+" — "+d.Answer)
		}
	}
	fmt.Fprintln(w, "\nWhat similar No's taught you:")
	if len(c.Lessons) == 0 {
		fmt.Fprintln(w, "  No lesson yet from No's with the same reason or kind.")
	}
	for _, l := range c.Lessons {
		fmt.Fprintf(w, "  - %s  (#%d %s, %s, same %s)\n", textsafe.Inline(l.Lesson), l.ID, textsafe.Inline(l.Who), l.Date, l.Same)
	}
	if line := prep.OddsLine(c); line != "" {
		fmt.Fprintln(w, "\n"+line)
	}
	fmt.Fprintln(w, "\nBefore you reach out (10–15 minutes):")
	for _, s := range c.Checklist {
		fmt.Fprintf(w, "  [ ] %s\n", s)
	}
	fmt.Fprintf(w, "\nOpen with:\n  %s\n", textsafe.Inline(c.Opening))
}
