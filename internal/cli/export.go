package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

func (a *app) exportCommand() *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write everything you keep as JSON, CSV or Markdown",
		Example: `  rebound export --format json -o rebound.json
  rebound export --format csv -o nos.csv
  rebound export --format md > journal.md`,
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
			// Everything but the No's is small; the No's stream a page at a
			// time, so an export of any size holds a page in memory.
			e, err := st.ExportMeta(a.now())
			if err != nil {
				return err
			}
			var w io.Writer = a.stdout
			var f *os.File
			if output != "" && output != "-" {
				// Private data: 0600, written to a temp file and renamed so a
				// failed export never leaves half a file.
				f, err = os.CreateTemp(filepath.Dir(output), ".rebound-export-*")
				if err != nil {
					return fmt.Errorf("export: %w", err)
				}
				defer os.Remove(f.Name())
				if err := f.Chmod(0o600); err != nil {
					return fmt.Errorf("export: %w", err)
				}
				w = f
			}
			bw := bufio.NewWriterSize(w, 64<<10)
			var count int
			switch format {
			case "json":
				count, err = writeExportJSON(bw, st, e)
			case "csv":
				count, err = writeCSV(bw, st)
			case "md":
				count, err = writeMarkdown(bw, st, e)
			}
			if err != nil {
				return err
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if f != nil {
				if err := f.Close(); err != nil {
					return fmt.Errorf("export: %w", err)
				}
				if err := os.Rename(f.Name(), output); err != nil {
					return fmt.Errorf("export: %w", err)
				}
				fmt.Fprintf(a.stderr, "Wrote %d No's to %s.\n", count, output)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "the format: json, csv or md")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file (0600) instead of stdout")
	return cmd
}

var csvHeader = []string{"id", "date", "created_at", "updated_at", "mode", "who", "offer", "channel", "said",
	"reason", "reason_text", "assumed", "kind", "change", "competitor", "competitor_why", "feeling",
	"feeling_after", "lesson", "next", "follow_up", "follow_up_done", "outcome", "tags"}

// writeExportJSON writes e with every No of the store in its Nos, as
// writeJSON(w, e) would with them all in memory: e's own encoding, with the
// No's streamed where its empty list is. It returns how many No's.
func writeExportJSON(w io.Writer, st *store.Store, e journal.Export) (int, error) {
	var head bytes.Buffer
	if err := writeJSON(&head, e); err != nil {
		return 0, err
	}
	const emptyList = "\n  \"nos\": [],\n"
	before, after, ok := strings.Cut(head.String(), emptyList)
	if !ok {
		return 0, fmt.Errorf("write JSON: no list of No's in the export")
	}
	if _, err := io.WriteString(w, before+"\n  \"nos\": ["); err != nil {
		return 0, fmt.Errorf("write JSON: %w", err)
	}
	sep := "\n    "
	count, err := st.ExportNos(false, func(n journal.No) error {
		b, err := json.MarshalIndent(n, "    ", "  ")
		if err != nil {
			return fmt.Errorf("write JSON: %w", err)
		}
		io.WriteString(w, sep)
		sep = ",\n    "
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("write JSON: %w", err)
		}
		return nil
	})
	if err != nil {
		return count, err
	}
	end := "],\n"
	if count > 0 {
		end = "\n  ],\n"
	}
	if _, err := io.WriteString(w, end+after); err != nil {
		return count, fmt.Errorf("write JSON: %w", err)
	}
	return count, nil
}

// writeCSV writes one No per row with RFC 4180 quoting (encoding/csv).
func writeCSV(w io.Writer, st *store.Store) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
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
			n.UpdatedAt.Format("2006-01-02T15:04:05Z07:00"), n.Mode, n.Who, n.Offer, n.Channel, n.Said,
			n.Reason, n.ReasonText, n.Assumed, string(n.Kind), n.Change, n.Competitor, n.CompetitorWhy,
			itoa(n.Feeling), itoa(n.FeelingAfter), n.Lesson, n.Next, string(n.FollowUp),
			strconv.FormatBool(n.FollowUpDone), string(n.Outcome), strings.Join(n.Tags, ";")}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
		return nil
	})
	if err != nil {
		return count, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return count, fmt.Errorf("write CSV: %w", err)
	}
	return count, nil
}

// writeMarkdown writes a readable journal: a heading per month, then per No
// (newest first, like the journal screen), then the reflections of e.
// Text goes through textsafe so no stored escape reaches a terminal that shows it.
func writeMarkdown(w io.Writer, st *store.Store, e journal.Export) (int, error) {
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
		item("Reason", n.Reason)
		item("In their words", n.ReasonText)
		item("Assumed", n.Assumed)
		item("Kind", string(n.Kind))
		item("What would change it", n.Change)
		item("Competitor", strings.TrimSpace(n.Competitor+" "+n.CompetitorWhy))
		item("Lesson", n.Lesson)
		item("Next step", n.Next)
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
