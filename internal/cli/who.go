package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/words"
)

// whoJSON is `rebound who NAME --json`: the newest -n No's, the counts
// of all of them.
type whoJSON struct {
	Name         string        `json:"name"`
	Total        int           `json:"total"` // every No from them
	Yes          int           `json:"yes"`   // those whose outcome is yes
	Nos          []journal.No  `json:"nos"`   // the newest, at most -n
	More         bool          `json:"more"`  // older No's than those in nos
	Wins         []journal.Win `json:"wins"`
	OpenFollowUp *journal.No   `json:"open_follow_up"`
}

// whoLimit is how many No's `who` prints unless -n says otherwise: the
// newest are what a call needs; the counts cover the rest.
const whoLimit = 20

func (a *app) whoCommand() *cobra.Command {
	var print, asJSON, merge, unmerge, yes bool
	var limit int
	cmd := &cobra.Command{
		Use:   "who NAME | --merge FROM INTO | --unmerge",
		Short: "Everything about one prospect, employer, teacher or friend before you next talk",
		Long: `Everything about one prospect, employer, teacher or friend before you next talk:
their newest No's (20 unless -n says otherwise) with the reason, their answer to the turnaround
question, the debrief answers and the outcome, how many No's and yeses in all, the open follow-up,
and any wins. Names match by the start of their words, ignoring case: "acme" finds "Acme Corp";
when several names match, they are listed. On a terminal it opens the history screen; --print or
a pipe prints text, --json JSON (total, yes, nos, more, wins, open_follow_up).

--merge FROM INTO writes INTO's name on every No and win of FROM (names whole), in one go: on a
terminal it says what will change and asks; without one it needs --yes. --unmerge undoes the
last merge.`,
		Example: `  rebound who "Acme Corp"
  rebound who acme corp --print
  rebound who "Acme Corp" --json -n 100
  rebound who --merge "Acme" "Acme Corp"
  rebound who --unmerge`,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case merge && unmerge:
				return usage("--merge and --unmerge go one at a time")
			case merge:
				return a.whoMerge(args, yes)
			case unmerge:
				if len(args) > 0 {
					return usage("--unmerge takes no name: it undoes the last merge")
				}
				return a.whoUnmerge()
			case len(args) == 0:
				return usage("say whose history to show, e.g. rebound who \"Acme Corp\"")
			}
			name := strings.Join(strings.Fields(strings.Join(args, " ")), " ")
			if name == "" {
				return usage("the name is empty: say whose history to show, e.g. rebound who \"Acme Corp\"")
			}
			if limit < 1 {
				return usage("-n is %d; show at least 1 No", limit)
			}
			if !print && !asJSON && a.stdoutTTY() && a.stdinTTY() {
				_, err := a.runProgram(common.Navigate{To: common.ScreenWho, Name: name})
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
			// A typed start of a name finds its prospect; several are listed.
			if who, err := resolveWho(st, name, mode.Words.WhoPlural); err == nil {
				name = who
			} else if !errors.As(err, new(errNoProspect)) {
				return err
			}
			p, err := st.Prospect(name, limit, nil)
			if err != nil {
				return err
			}
			wins, err := st.WinsByWho(name)
			if err != nil {
				return err
			}
			if asJSON {
				out := whoJSON{Name: name, Total: p.Total, Yes: p.Yes, Nos: nosOrEmpty(p.Nos), More: p.Next != nil,
					Wins: wins, OpenFollowUp: p.OpenFollowUp}
				if out.Wins == nil {
					out.Wins = []journal.Win{}
				}
				return writeJSON(a.jsonOut(), out)
			}
			printWho(a.out(), name, p, wins, journal.Today(a.now()), func(n journal.No) *coach.Mode {
				if m, err := a.catalog().Mode(n.Mode); err == nil && n.Mode != "" {
					return m
				}
				return mode
			})
			return nil
		},
	}
	cmd.Flags().BoolVar(&print, "print", false, "print plain text instead of opening the screen")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVarP(&limit, "limit", "n", whoLimit, "show the newest this many No's (the counts cover all)")
	cmd.Flags().BoolVar(&merge, "merge", false, "merge FROM into INTO: every No and win of FROM takes INTO's name")
	cmd.Flags().BoolVar(&unmerge, "unmerge", false, "undo the last merge")
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "merge without asking (needed without a terminal)")
	return cmd
}

func printWho(w io.Writer, name string, p journal.Prospect, wins []journal.Win, today journal.Day, modeOf func(journal.No) *coach.Mode) {
	nos := p.Nos
	if len(nos) == 0 && len(wins) == 0 {
		fmt.Fprintf(w, "No No's from %q yet. Names match whole, ignoring case; see rebound journal --print --search %q.\n", textsafe.Inline(name), textsafe.Inline(name))
		return
	}
	shown := name
	if p.Name != "" {
		shown = p.Name
	}
	fmt.Fprintf(w, "%s — %s\n", textsafe.Inline(shown), coach.ProspectSummary(p, wins))
	if p.OpenFollowUp != nil {
		fu := *p.OpenFollowUp
		line := fmt.Sprintf("Open follow-up: %s (%s) on No #%d", fu.FollowUp, words.RelDays(today.DaysUntil(fu.FollowUp)), fu.ID)
		if c := strings.TrimSpace(fu.Change); c != "" {
			line += " — to revisit: " + textsafe.Inline(c)
		}
		if x := strings.TrimSpace(fu.Next); x != "" {
			line += " — next: " + textsafe.Inline(x)
		}
		fmt.Fprintln(w, line)
	} else {
		fmt.Fprintln(w, "No open follow-up.")
	}
	for _, n := range nos {
		mode := modeOf(n)
		head := []string{}
		if n.Reason != "" {
			head = append(head, mode.ReasonLabel(n.Reason))
		}
		if n.Kind != "" {
			head = append(head, string(n.Kind))
		}
		head = append(head, string(n.Outcome))
		fmt.Fprintf(w, "\n#%d  %s  %s\n", n.ID, n.Date, strings.Join(head, " · "))
		row := func(label, v string) {
			if strings.TrimSpace(v) != "" {
				printRow(w, label, v)
			}
		}
		if n.Said != "" {
			row("said", "“"+n.Said+"”")
		}
		row("in their words", n.ReasonText)
		row("to revisit", n.Change)
		row(mode.Words.Alt().One, strings.TrimSpace(n.Competitor+"  "+n.CompetitorWhy))
		row("lesson", n.Lesson)
		row("next", n.Next)
		for _, d := range n.Debrief {
			row("debrief", textsafe.Inline(d.Prompt)+" — "+d.Answer)
		}
		if !n.FollowUp.IsZero() {
			state := "open"
			if n.FollowUpDone {
				state = "done"
			}
			row("follow up", fmt.Sprintf("%s (%s)", n.FollowUp, state))
		}
		if len(n.OutcomeHistory) > 1 {
			var h []string
			for _, c := range n.OutcomeHistory {
				h = append(h, c.At.Local().Format("2006-01-02")+" "+string(c.Outcome))
			}
			row("outcomes", strings.Join(h, " → "))
		}
	}
	if older := p.Total - len(nos); p.Next != nil && older > 0 {
		fmt.Fprintf(w, "\n… and %d older %s: rebound who %q -n %d\n", older, words.Plural(older, "No", "No's"), textsafe.Inline(name), min(p.Total, len(nos)+100))
	}
	if len(wins) > 0 {
		fmt.Fprintln(w, "\nWins:")
		for _, wn := range wins {
			fmt.Fprintf(w, "  %s  %s\n", wn.Date, textsafe.Inline(wn.What))
		}
	}
}

func nosOrEmpty(n []journal.No) []journal.No {
	if n == nil {
		return []journal.No{}
	}
	return n
}

// whoMerge is who --merge FROM INTO: it says what will change, asks on a
// terminal (without one it needs --yes), then merges in one transaction.
func (a *app) whoMerge(args []string, yes bool) error {
	if len(args) != 2 {
		return usage("--merge takes two names, e.g. rebound who --merge \"Acme\" \"Acme Corp\"")
	}
	st, err := a.open()
	if err != nil {
		return err
	}
	p, err := st.PreviewMerge(args[0], args[1])
	if err != nil {
		return err
	}
	plan := fmt.Sprintf("Merge “%s” into “%s”: %s will say “%s”", textsafe.Inline(p.From), textsafe.Inline(p.Into),
		mergeWhat(p.FromNos, p.FromWins), textsafe.Inline(p.Into))
	if p.IntoIsNew {
		plan += " (no No from that name yet)"
	} else {
		plan += fmt.Sprintf(", beside its %s", words.Count(p.IntoNos, "No", "No's"))
	}
	plan += "."
	if !yes {
		if !a.stdinTTY() {
			return usage("%s Nothing changed: add --yes to merge without a terminal to ask on", plan)
		}
		fmt.Fprintf(a.stdout, "%s\nUndo later with rebound who --unmerge. Merge? [y/N] ", plan)
		var answer string
		fmt.Fscanln(a.stdin, &answer)
		if ans := strings.ToLower(strings.TrimSpace(answer)); ans != "y" && ans != "yes" {
			fmt.Fprintln(a.stdout, "Nothing changed.")
			return nil
		}
	}
	m, err := st.MergeWho(args[0], args[1], a.now())
	if err != nil {
		return err
	}
	nos, wins := m.Counts()
	fmt.Fprintf(a.out(), "Merged “%s” into “%s”: %s now %s “%s”. Undo with rebound who --unmerge.\n",
		textsafe.Inline(m.From), textsafe.Inline(m.Into), mergeWhat(nos, wins), words.Plural(nos+wins, "says", "say"), textsafe.Inline(m.Into))
	return nil
}

// mergeWhat says "3 No's and 1 win".
func mergeWhat(nos, wins int) string {
	switch {
	case wins == 0:
		return words.Count(nos, "No", "No's")
	case nos == 0:
		return words.Count(wins, "win", "wins")
	}
	return words.Count(nos, "No", "No's") + " and " + words.Count(wins, "win", "wins")
}

// whoUnmerge is who --unmerge: the last merge undone.
func (a *app) whoUnmerge() error {
	st, err := a.open()
	if err != nil {
		return err
	}
	m, restored, skipped, err := st.UnmergeWho(a.now())
	if errors.Is(err, store.ErrNoMerge) {
		return fmt.Errorf("there is no merge to undo (only the last merge can be undone, once)")
	}
	if err != nil {
		return err
	}
	line := fmt.Sprintf("Undid the merge of “%s” into “%s”: %d %s own name back", textsafe.Inline(m.From), textsafe.Inline(m.Into),
		restored, words.Plural(restored, "record has its", "records have their"))
	if skipped > 0 {
		line += fmt.Sprintf("; %d deleted or renamed since %s left as %s", skipped, words.Plural(skipped, "was", "were"), words.Plural(skipped, "it is", "they are"))
	}
	fmt.Fprintln(a.out(), line+".")
	return nil
}
