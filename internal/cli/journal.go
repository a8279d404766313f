package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

func (a *app) journalCommand() *cobra.Command {
	var (
		print, asJSON           bool
		limit                   int
		search, reason, outcome string
	)
	cmd := &cobra.Command{
		Use:   "journal",
		Short: "Every No, newest first (the screen, or --print / --json)",
		Example: `  rebound journal
  rebound journal --print -n 20
  rebound journal --print --search acme
  rebound journal --json --outcome maybe`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !print && !asJSON && a.stdoutTTY() && a.stdinTTY() {
				return a.runTUI(common.Navigate{To: common.ScreenJournal})
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			if outcome != "" {
				o, err := journal.ParseOutcome(outcome)
				if err != nil {
					return err
				}
				outcome = string(o)
			}
			q := store.Query{Limit: limit, Text: search, Reason: reason, Outcome: outcome}
			if asJSON {
				return writeNosJSON(a.jsonOut(), st, q)
			}
			rows, _, err := st.ListRows(q)
			if err != nil {
				return err
			}
			// The rows are plain text (textsafe), so they need no colour-profile writer.
			return printList(a.stdout, rows)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&print, "print", false, "print plain text instead of opening the screen")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	fl.IntVarP(&limit, "limit", "n", 0, "at most this many No's (0: all)")
	fl.StringVar(&search, "search", "", "only No's containing these words")
	fl.StringVar(&reason, "reason", "", "only this reason id")
	fl.StringVar(&outcome, "outcome", "", "only this outcome")
	return cmd
}

func nosOrEmpty(n []journal.No) []journal.No {
	if n == nil {
		return []journal.No{}
	}
	return n
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// jsonPage is how many No's writeNosJSON decodes per read: the lock is
// held for one page, and memory holds one page, however many match.
const jsonPage = 500

// writeNosJSON writes the No's of q as writeJSON writes a list of them: the
// query reads the rows, then the No's are read a page at a time.
func writeNosJSON(w io.Writer, st *store.Store, q store.Query) error {
	rows, _, err := st.ListRows(q)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	count := 0
	ids := make([]uint64, 0, jsonPage)
	for i := 0; i < rows.Len(); i += jsonPage {
		ids = ids[:0]
		for j := i; j < min(i+jsonPage, rows.Len()); j++ {
			ids = append(ids, rows.At(j).ID)
		}
		nos, err := st.GetNos(ids)
		if err != nil {
			return err
		}
		for _, n := range nos {
			b, err := json.MarshalIndent(n, "  ", "  ")
			if err != nil {
				return fmt.Errorf("write JSON: %w", err)
			}
			sep := ",\n  "
			if count == 0 {
				sep = "[\n  "
			}
			bw.WriteString(sep)
			bw.Write(b)
			count++
		}
	}
	if count == 0 {
		bw.WriteString("[]\n")
	} else {
		bw.WriteString("\n]\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// printList prints one aligned line per row.
func printList(w io.Writer, rows *store.Rows) error {
	if rows.Len() == 0 {
		fmt.Fprintln(w, "No No's yet. Log one: rebound log --who \"Acme Corp\" --reason price")
		return nil
	}
	idW, whoW, reasonW := 2, 3, 6
	for r := range rows.All() {
		idW = max(idW, digits(r.ID)+1)
		whoW = max(whoW, min(30, textsafe.Width(textsafe.Inline(r.Who))))
		reasonW = max(reasonW, len(r.Reason))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var line []byte
	for r := range rows.All() {
		reason := r.Reason
		if reason == "" {
			reason = "-"
		}
		line = append(line[:0], '#')
		line = strconv.AppendUint(line, r.ID, 10)
		line = pad(line, idW-digits(r.ID)-1)
		line = append(append(line, "  "...), r.Date...)
		line = textsafe.AppendPadRight(append(line, "  "...), r.Who, whoW)
		line = textsafe.AppendPadRight(append(line, "  "...), reason, reasonW)
		line = append(append(line, "  "...), r.Outcome...)
		if !r.FollowUp.IsZero() && !r.FollowUpDone {
			line = append(append(line, "  follow up "...), r.FollowUp...)
		}
		line = append(bytes.TrimRight(line, " "), '\n')
		bw.Write(line)
	}
	return bw.Flush()
}

func digits(n uint64) int {
	d := 1
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}

func pad(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, ' ')
	}
	return b
}

func parseID(s string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, usage("%q is not a No id; ids are whole numbers like 12 (see rebound journal --print)", s)
	}
	return id, nil
}

// loadNo reads the No named by a command's ID argument: a bad id is a
// usage error (exit 2), an unknown one the store's "no No with id" (exit 1).
func (a *app) loadNo(arg string) (*store.Store, journal.No, error) {
	id, err := parseID(arg)
	if err != nil {
		return nil, journal.No{}, err
	}
	st, err := a.open()
	if err != nil {
		return nil, journal.No{}, err
	}
	n, err := st.GetNo(id)
	return st, n, err
}

func (a *app) showCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Print one No in full",
		Example: "  rebound show 12\n  rebound show 12 --json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, n, err := a.loadNo(args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.jsonOut(), n)
			}
			mode, err := a.catalog().Mode(n.Mode)
			if err != nil {
				mode, _, _ = a.mode(st)
			}
			printNo(a.out(), n, mode)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// printNo prints every filled field of a No as label: value lines.
func printNo(w io.Writer, n journal.No, mode *coach.Mode) {
	fmt.Fprintf(w, "No #%d — %s\n", n.ID, textsafe.Inline(n.Who))
	row := func(label, v string) {
		if strings.TrimSpace(v) == "" {
			return
		}
		v = strings.ReplaceAll(textsafe.Block(v), "\n", "\n"+strings.Repeat(" ", 16))
		fmt.Fprintf(w, "  %-14s%s\n", label, v)
	}
	label := func(id string) string {
		if r, ok := mode.Reason(id); ok {
			return r.Label + " (" + id + ")"
		}
		return id
	}
	row("date", string(n.Date))
	row("mode", n.Mode)
	row("offer", n.Offer)
	row("channel", n.Channel)
	row("said", n.Said)
	row("reason", label(n.Reason))
	row("reason text", n.ReasonText)
	row("assumed", label(n.Assumed))
	row("kind", string(n.Kind))
	row("change", n.Change)
	row("competitor", n.Competitor)
	row("why them", n.CompetitorWhy)
	if n.Feeling > 0 {
		row("feeling", fmt.Sprintf("%d/5", n.Feeling))
	}
	if n.FeelingAfter > 0 {
		row("feeling after", fmt.Sprintf("%d/5", n.FeelingAfter))
	}
	row("lesson", n.Lesson)
	row("next", n.Next)
	if !n.FollowUp.IsZero() {
		fu := string(n.FollowUp)
		if n.FollowUpDone {
			fu += " (done)"
		}
		row("follow up", fu)
	}
	row("outcome", string(n.Outcome))
	row("tags", strings.Join(n.Tags, ", "))
	for _, d := range n.Debrief {
		row("debrief", d.Prompt+" — "+d.Answer)
	}
	if n.Reframed() {
		row("reframed", "yes")
	} else {
		row("reframed", "not yet (needs a reason, their answer to the turnaround question, and a lesson)")
	}
}

func (a *app) editCommand() *cobra.Command {
	var f noFlags
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Change a No: the form on a terminal, or flags",
		Example: `  rebound edit 12 --outcome maybe
  rebound edit 12 --lesson "Lead with the ROI numbers" --follow-up "next tuesday"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, n, err := a.loadNo(args[0])
			if err != nil {
				return err
			}
			id := n.ID
			if !f.any() {
				if !a.stdinTTY() || !a.stdoutTTY() {
					return errNoTerminal("the edit form", "pass flags instead, e.g. rebound edit "+args[0]+" --outcome maybe")
				}
				_, err := a.runProgram(common.Navigate{To: common.ScreenEdit, ID: id})
				return err
			}
			// The flags are a patch: applied to the No as stored at the
			// moment of writing, in the same transaction, so an edit of
			// another field from another terminal is never overwritten.
			now := a.now()
			var was journal.Outcome
			n, err = st.PatchNo(id, now, func(p *journal.No) error {
				was = p.Outcome
				if err := f.apply(p, now); err != nil {
					return err
				}
				// A settled No (yes or let go) has nothing left to follow up.
				if p.Outcome != was && followup.Settled(p.Outcome) && !p.FollowUp.IsZero() && !f.changed("follow-up-done") {
					p.FollowUpDone = true
				}
				return p.Validate(a.catalog())
			})
			if err != nil {
				if journal.IsValidation(err) || isUsage(err) {
					return err
				}
				return fmt.Errorf("save the No: %w", err)
			}
			fmt.Fprintf(a.out(), "Updated No #%d: %s (%s).\n", n.ID, textsafe.Truncate(n.Who, 60), n.Outcome)
			if n.Outcome == journal.OutcomeYes && was != journal.OutcomeYes {
				words := ""
				if m, err := a.catalog().Mode(n.Mode); err == nil {
					words = m.Words.Yes
				}
				fmt.Fprintln(a.out(), followup.Celebrate(n.Date, journal.Today(now), words))
			}
			return nil
		},
	}
	f.register(cmd, true)
	return cmd
}

func (a *app) deleteCommand() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:     "delete ID",
		Short:   "Delete a No (asks first on a terminal)",
		Example: "  rebound delete 12\n  rebound delete 12 --yes",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, n, err := a.loadNo(args[0])
			if err != nil {
				return err
			}
			id := n.ID
			if !yes && a.stdinTTY() {
				fmt.Fprintf(a.stdout, "Delete No #%d (%s, %s)? [y/N] ", n.ID, textsafe.Truncate(n.Who, 40), n.Date)
				var answer string
				fmt.Fscanln(a.stdin, &answer)
				if !strings.EqualFold(strings.TrimSpace(answer), "y") && !strings.EqualFold(strings.TrimSpace(answer), "yes") {
					fmt.Fprintln(a.stdout, "Kept it.")
					return nil
				}
			}
			if err := st.DeleteNo(id); err != nil {
				return err
			}
			fmt.Fprintf(a.out(), "Deleted No #%d (%s).\n", id, textsafe.Truncate(n.Who, 60))
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "don't ask")
	return cmd
}

func (a *app) reasonsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "reasons",
		Short:   "List the reason ids of a mode",
		Example: "  rebound reasons\n  rebound reasons --mode job",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			id := a.modeFlag
			if id == "" {
				set, err := a.settings()
				if err != nil {
					return err
				}
				id = set.Mode
			}
			mode, err := a.catalog().Mode(id)
			if err != nil {
				return usageError{err}
			}
			if asJSON {
				return writeJSON(a.jsonOut(), mode.Reasons)
			}
			w := a.out()
			fmt.Fprintf(w, "Reasons for %s mode:\n", mode.Label)
			for _, r := range mode.Reasons {
				fmt.Fprintf(w, "  %-18s %s\n", r.ID, r.Label)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
