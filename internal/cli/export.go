package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/words"
)

func (a *app) exportCommand() *cobra.Command {
	var format, output, from, to string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write everything you keep as JSON, CSV or Markdown",
		Example: `  rebound export --format json -o rebound.json
  rebound export --format csv -o nos.csv
  rebound export --format md > journal.md
  rebound export --from 2026-10-01 --to 2026-10-31 -o october.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format = strings.ToLower(format)
			if format != "json" && format != "csv" && format != "md" {
				return usage("unknown format %q; choose one of: json, csv, md", format)
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			// An export holds a few runs of No's and 8 bytes per No (their
			// order); a soft limit has the collector return the runs'
			// garbage before the heap doubles, so a million No's stay
			// under 30 MiB.
			// Below the limit, the collector may wait for the heap to grow
			// fourfold: fewer collections of the same garbage.
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(exportMemoryLimit))
			defer debug.SetGCPercent(debug.SetGCPercent(400))
			// Everything but the No's is small; the No's stream a run at a
			// time, so an export of any size holds a few runs in memory.
			e, err := st.ExportMeta(a.now())
			if err != nil {
				return err
			}
			// What reaches a terminal is made inert; what reaches a file
			// or pipe is exact (JSON is what import reads).
			var w io.Writer = a.stdout
			tty := a.stdoutTTY()
			var out *store.Output
			if output != "" && output != "-" {
				// Private data: 0600, a new or regular file written via a
				// temp file and renamed so a failed export never leaves half
				// a file; a device, pipe or terminal is written in place.
				out, err = store.CreateOutput(output, ".rebound-export-*")
				if err != nil {
					return fmt.Errorf("export to %s: %w", output, err)
				}
				defer out.Close()
				w, tty = out, out.Terminal()
			}
			bw := bufio.NewWriterSize(w, 64<<10)
			var count int
			// --from/--to: the No's, reflections, wins and rest days of
			// those days (exportrange.go).
			var nos noExporter = st
			if from != "" || to != "" {
				f, t, err := a.dateRange(from, to)
				if err != nil {
					return err
				}
				nos = rangedNos{st: st, from: f, to: t}
				inRange(&e, f, t)
			}
			switch format {
			case "json":
				count, err = writeExportJSON(bw, nos, e, tty)
			case "csv":
				count, err = writeCSV(bw, nos, tty)
			case "md":
				count, err = writeMarkdown(bw, nos, e, a.catalog())
			}
			if err != nil {
				return err
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if out != nil {
				if err := out.Commit(); err != nil {
					return fmt.Errorf("export to %s: %w", output, err)
				}
				fmt.Fprintf(a.stderr, "Wrote %d No's to %s.\n", count, output)
			}
			// A damaged journal: everything readable was written (the
			// export is how to rescue it), and exit 1 says it is not all.
			if lines, summary := st.Unreadable(); summary != "" {
				for _, l := range lines {
					fmt.Fprintln(a.stderr, l)
				}
				return fmt.Errorf("the export left out what could not be read (%s); everything else was written. Run rebound doctor, and restore a backup if you have one", summary)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "the format: json, csv or md")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file (0600) instead of stdout")
	cmd.Flags().StringVar(&from, "from", "", `only what is dated on or after this day ("1 month ago", 2026-10-01)`)
	cmd.Flags().StringVar(&to, "to", "", "only what is dated on or before this day")
	return cmd
}

// exportMemoryLimit is the Go runtime's soft memory limit while exporting.
const exportMemoryLimit = 16 << 20

var csvHeader = []string{"id", "date", "created_at", "updated_at", "mode", "who", "contact", "offer", "channel", "said",
	"reason", "reason_text", "assumed", "kind", "change", "competitor", "competitor_why", "feeling",
	"feeling_after", "lesson", "next", "follow_up", "follow_up_done", "outcome", "tags",
	// Later fields come last, so a sheet built on the columns above still reads.
	"thought", "traps", "evidence_for", "evidence_against", "balanced", "referral_asked", "referral",
	"stage", "prepared", "mistake", "secondary_reasons", "condition_met", "amount", "source"}

// writeExportJSON writes e with every No of the store in its Nos, as
// writeJSON(w, e) would with them all in memory: e's own encoding, with the
// No's streamed where its empty list is. It returns how many No's. With
// inert (a terminal), the runes a terminal acts on are \u-escaped: the
// same JSON value, exact for import and harmless on screen.
func writeExportJSON(w io.Writer, st noExporter, e journal.Export, inert bool) (int, error) {
	if inert {
		w = inertJSON{w}
	}
	var head bytes.Buffer
	if err := writeJSON(&head, e); err != nil {
		return 0, err
	}
	const emptyList = "\n  \"nos\": [],\n"
	before, after, ok := strings.Cut(head.String(), emptyList)
	if !ok {
		return 0, fmt.Errorf("write JSON: no list of No's in the export")
	}
	if _, err := io.WriteString(w, before+"\n  \"nos\": "); err != nil {
		return 0, fmt.Errorf("write JSON: %w", err)
	}
	// jsonList's bytes, made on every core: each No comes as ",\n" and
	// the indent, then the No; the first one's comma is the list's "[".
	first := true
	count, err := st.ExportNosJSON("  ", func(b []byte) error {
		if first {
			first = false
			b[0] = '['
		}
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("write JSON: %w", err)
		}
		return nil
	})
	if err != nil {
		return count, err
	}
	end := "\n  ]"
	if count == 0 {
		end = "[]"
	}
	if _, err := io.WriteString(w, end+",\n"+after); err != nil {
		return count, fmt.Errorf("write JSON: %w", err)
	}
	return count, nil
}

// writeCSV writes one No per row, every cell quoted and neutralised by
// csvCell; with inert (a terminal) each cell is first made inert like the
// screens show it.
func writeCSV(w io.Writer, st noExporter, inert bool) (int, error) {
	var line []byte
	write := func(rec []string) error {
		line = line[:0]
		for i, c := range rec {
			if i > 0 {
				line = append(line, ',')
			}
			if inert {
				c = textsafe.Block(c)
			}
			line = appendCSVCell(line, c)
		}
		line = append(line, '\n')
		_, err := w.Write(line)
		return err
	}
	if err := write(csvHeader); err != nil {
		return 0, fmt.Errorf("write CSV: %w", err)
	}
	itoa := func(i int) string {
		if i == 0 {
			return ""
		}
		return strconv.Itoa(i)
	}
	count, err := st.ExportNos(false, func(n journal.No) error {
		rec := []string{strconv.FormatUint(n.ID, 10), string(n.Date), n.CreatedAt.Format("2006-01-02T15:04:05Z07:00"),
			n.UpdatedAt.Format("2006-01-02T15:04:05Z07:00"), n.Mode, n.Who, n.Contact, n.Offer, n.Channel, n.Said,
			n.Reason, n.ReasonText, n.Assumed, string(n.Kind), n.Change, n.Competitor, n.CompetitorWhy,
			itoa(n.Feeling), itoa(n.FeelingAfter), n.Lesson, n.Next, string(n.FollowUp),
			strconv.FormatBool(n.FollowUpDone), string(n.Outcome), strings.Join(n.Tags, ";"),
			n.Thought, strings.Join(n.Traps, ";"), n.EvidenceFor, n.EvidenceAgainst, n.Balanced,
			strconv.FormatBool(n.ReferralAsked), n.Referral, n.Stage, n.Prepared, n.Mistake,
			strings.Join(n.SecondaryReasons, ";"), strconv.FormatBool(n.ConditionMet), amountCell(n.Amount), n.Source}
		if err := write(rec); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
		return nil
	})
	return count, err
}

// appendCSVCell appends one CSV cell, defended against CSV (formula)
// injection as OWASP recommends
// (https://owasp.org/www-community/attacks/CSV_Injection): a spreadsheet
// runs a cell that starts with = + - @ as a formula (=HYPERLINK(...),
// =cmd|...), and tab, CR, LF (and NUL, per ASVS 1.2.10) can start one too.
// Such a cell gets a leading single quote, which spreadsheets read as
// "this is text". The same happens when spaces come before = + - @, for
// spreadsheets set to trim them. Every cell is quoted, with inner quotes
// doubled (RFC 4180), so a comma or semicolon inside it cannot start a new
// cell in a spreadsheet that splits on either. No column holds a number
// that can be negative (ids, dates, feelings 1-5), so the rule applies to
// every cell alike; text such as "-3" or "- a note" reads "'-3" and
// "'- a note". JSON, the export import reads, stays exact.
func appendCSVCell(dst []byte, c string) []byte {
	dst = append(dst, '"')
	if formulaStart(c) {
		dst = append(dst, '\'')
	}
	for i := 0; i < len(c); i++ {
		if c[i] == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, c[i])
	}
	return append(dst, '"')
}

// formulaStart reports a cell a spreadsheet could read as a formula.
func formulaStart(c string) bool {
	if c == "" {
		return false
	}
	if strings.IndexByte("=+-@\t\r\n\x00", c[0]) >= 0 {
		return true
	}
	t := strings.TrimLeftFunc(c, unicode.IsSpace)
	return t != "" && strings.IndexByte("=+-@", t[0]) >= 0
}

// inertJSON escapes as \uXXXX the runes encoding/json leaves raw that a
// terminal acts on: DEL, C1 controls (U+009B is CSI) and bidi controls.
// encoding/json already escapes C0 controls (ESC as \u001b), U+2028 and
// U+2029 and invalid UTF-8, so the output decodes to the same values and
// holds no byte a terminal obeys. Each Write must hold whole runes, as the
// JSON writers here do (one token or more per Write).
type inertJSON struct{ w io.Writer }

func (j inertJSON) Write(p []byte) (int, error) {
	i := 0
	for i < len(p) && p[i] < 0x7f {
		i++
	}
	if i == len(p) {
		return j.w.Write(p)
	}
	b := make([]byte, 0, len(p)+32)
	b = append(b, p[:i]...)
	for i < len(p) {
		r, size := utf8.DecodeRune(p[i:])
		if r >= 0x7f && textsafe.Hidden(r) {
			b = fmt.Appendf(b, `\u%04x`, r)
		} else {
			b = append(b, p[i:i+size]...)
		}
		i += size
	}
	if _, err := j.w.Write(b); err != nil {
		return 0, err
	}
	return len(p), nil
}

// writeMarkdown writes a readable journal: a heading per month, then per No
// (newest first, like the journal screen), then the reflections of e.
// Text goes through textsafe so no stored escape reaches a terminal that
// shows it; labels are in each No's mode's words.
func writeMarkdown(w io.Writer, st noExporter, e journal.Export, cat *coach.Catalog) (int, error) {
	alt := func(mode string) coach.Alternative {
		if m, err := cat.Mode(mode); err == nil {
			return m.Words.Alt()
		}
		return coach.Words{}.Alt()
	}
	var b strings.Builder
	b.WriteString("# Rebound journal\n\n")
	month := ""
	flush := func() error {
		_, err := io.WriteString(w, b.String())
		b.Reset()
		if err != nil {
			return fmt.Errorf("write Markdown: %w", err)
		}
		return nil
	}
	count, err := st.ExportNos(true, func(n journal.No) error {
		if m := string(n.Date)[:7]; m != month {
			month = m
			t := n.Date.Time(time.UTC)
			fmt.Fprintf(&b, "## %s\n\n", t.Format("January 2006"))
		}
		fmt.Fprintf(&b, "### %s — %s (#%d)\n\n", n.Date, mdInline(n.Who), n.ID)
		if n.Said != "" {
			for _, l := range strings.Split(textsafe.Block(n.Said), "\n") {
				fmt.Fprintf(&b, "> %s\n", mdInline(l))
			}
			b.WriteString("\n")
		}
		item := func(label, v string) {
			if strings.TrimSpace(v) != "" {
				fmt.Fprintf(&b, "- **%s:** %s\n", label, mdInline(v))
			}
		}
		item("Contact", n.Contact)
		item("Reason", n.Reason)
		item("In their words", n.ReasonText)
		item("Assumed", n.Assumed)
		item("Other reasons", strings.Join(n.SecondaryReasons, ", "))
		item("Kind", string(n.Kind))
		item("Stage", n.Stage)
		item("What would change it", n.Change)
		if n.ConditionMet {
			item("Condition met", "yes")
		}
		item(words.Capital(alt(n.Mode).One), strings.TrimSpace(n.Competitor+" "+n.CompetitorWhy))
		item("Thought", n.Thought)
		item("Traps", strings.Join(n.Traps, ", "))
		item("What supports it", n.EvidenceFor)
		item("What doesn't", n.EvidenceAgainst)
		item("Balanced thought", n.Balanced)
		item("Prepared", n.Prepared)
		item("Mistake", n.Mistake)
		item("Lesson", n.Lesson)
		item("Next step", n.Next)
		if n.Amount != 0 {
			item("Amount", amountCell(n.Amount))
		}
		item("Imported from", n.Source)
		switch {
		case n.Referral != "":
			item("Referral", n.Referral)
		case n.ReferralAsked:
			item("Referral", "asked, none given")
		}
		item("Follow up", string(n.FollowUp))
		item("Outcome", string(n.Outcome))
		item("Tags", strings.Join(n.Tags, ", "))
		b.WriteString("\n")
		return flush()
	})
	if err != nil {
		return count, err
	}
	if len(e.Reflections) > 0 {
		b.WriteString("## Reflections\n\n")
		for _, r := range e.Reflections {
			fmt.Fprintf(&b, "### %s\n\n", r.Date)
			for _, a := range r.Answers {
				fmt.Fprintf(&b, "- **%s** %s\n", mdInline(a.Prompt), mdInline(a.Answer))
			}
			if r.Win != "" {
				fmt.Fprintf(&b, "- **Win:** %s\n", mdInline(r.Win))
			}
			if r.IntentionKept != "" {
				fmt.Fprintf(&b, "- **Yesterday's intention kept:** %s\n", strings.ReplaceAll(string(r.IntentionKept), "-", " "))
			}
			if r.Intention != "" {
				fmt.Fprintf(&b, "- **Tomorrow:** %s\n", mdInline(r.Intention))
			}
			b.WriteString("\n")
		}
	}
	return count, flush()
}

// mdInline makes text inert and one line for Markdown.
func mdInline(s string) string { return textsafe.Inline(s) }
