package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

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
		kind, tag, who          string
		from, to                string
	)
	cmd := &cobra.Command{
		Use:   "journal",
		Short: "Every No of every mode, newest first (the screen, or --print / --json)",
		Long:  "Every No, newest first, whatever mode it was logged in; --mode lists only that mode's No's.",
		Example: `  rebound journal
  rebound journal --print -n 20
  rebound journal --print --mode job
  rebound journal --print --search acme
  rebound journal --json --outcome maybe
  rebound journal --print --reason price --kind not-now --from "last monday"
  rebound journal --print --who acme --tag q4 --from 2026-10-01 --to 2026-10-31`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// 0 is "all"; a negative count would read as all too, silently.
			if limit < 0 {
				return usage("--limit (-n) is how many No's to show: 0 or more, not %d.", limit)
			}
			if !print && !asJSON && a.stdoutTTY() && a.stdinTTY() {
				if from == "" && to == "" { // the screen's filter has no dates: those print
					return a.runTUI(common.Navigate{To: common.ScreenJournal,
						Name: screenFilter(search, map[string]string{"reason": reason, "kind": kind, "outcome": outcome, "tag": tag, "who": who})})
				}
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
			// The journal is the person's: every mode unless --mode names one
			// (the saved mode does not filter it).
			q := store.Query{Limit: limit, Text: search, Reason: strings.ToLower(strings.TrimSpace(reason)), Outcome: outcome, Mode: a.modeFlag,
				Tag: tag, Who: who}
			if kind != "" {
				k, err := journal.ParseKind(kind)
				if err != nil {
					return err
				}
				q.Kind = string(k)
			}
			if q.From, q.To, err = a.dateRange(from, to); err != nil {
				return err
			}
			if asJSON {
				return writeNosJSON(a.jsonOut(), st, q)
			}
			rows, _, err := st.ListRows(q)
			if err != nil {
				return err
			}
			if rows.Len() == 0 && q != (store.Query{Limit: limit}) {
				fmt.Fprintln(a.stdout, "No No's match; rebound journal --print without filters lists them all.")
				return nil
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
	fl.StringVar(&kind, "kind", "", "only this kind of no: not-now, not-this, not-you, not-understood or final")
	fl.StringVar(&tag, "tag", "", "only No's with this tag")
	fl.StringVar(&who, "who", "", "only No's whose who holds this (case ignored)")
	fl.StringVar(&from, "from", "", `only No's dated on or after this day ("last monday", 2026-10-01)`)
	fl.StringVar(&to, "to", "", "only No's dated on or before this day")
	return cmd
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
	return writeJSONList(w, func(add func(any) error) error {
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
				if err := add(n); err != nil {
					return err
				}
			}
		}
		return nil
	})
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

// screenFilter is the journal screen's filter for the command's filters:
// reason:price who:"acme corp" and the search words.
func screenFilter(search string, fields map[string]string) string {
	var parts []string
	for _, name := range []string{"reason", "kind", "outcome", "tag", "who"} {
		if v := strings.TrimSpace(fields[name]); v != "" {
			if strings.ContainsAny(v, " \t") {
				v = `"` + strings.ReplaceAll(v, `"`, "") + `"`
			}
			parts = append(parts, name+":"+v)
		}
	}
	if s := strings.TrimSpace(search); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
