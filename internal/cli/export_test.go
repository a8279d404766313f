package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// TestExportStreamsWhatExportHolds: the streamed export writes what the
// whole journal in memory gave, in every format, empty or not.
func TestExportStreamsWhatExportHolds(t *testing.T) {
	for _, nos := range []int{0, 1, 1234} {
		db, st := progressDB(t)
		for i := range nos {
			n := journal.No{Who: fmt.Sprintf("Acme <%d> \"q\"", i%7), Date: journal.Day(fmt.Sprintf("2026-%02d-%02d", 1+i%11, 1+i%28)),
				Said: "line one\nline two", Reason: "price", Tags: []string{"a", "b"}, Feeling: i % 5}
			if err := st.AddNo(&n, progressNow); err != nil {
				t.Fatal(err)
			}
		}
		if nos > 0 {
			if _, err := st.SaveReflection(journal.Reflection{Date: "2026-11-20", Mood: 3, Win: "a call", CompletedAt: progressNow,
				Answers: []journal.Answer{{Prompt: "p", Answer: "a"}}}); err != nil {
				t.Fatal(err)
			}
		}
		e, err := st.Export(progressNow)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := writeJSON(&want, e); err != nil {
			t.Fatal(err)
		}
		got, errs, code := runProgressCLI(t, db, "export", "--format", "json")
		if code != 0 || got != want.String() {
			t.Errorf("%d No's: json differs (exit %d %s):\n%.400s\nwant\n%.400s", nos, code, errs, got, want.String())
		}
		want.Reset()
		if err := oldWriteCSV(&want, e.Nos); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := runProgressCLI(t, db, "export", "--format", "csv"); got != want.String() {
			t.Errorf("%d No's: csv differs", nos)
		}
		want.Reset()
		if err := oldWriteMarkdown(&want, e); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := runProgressCLI(t, db, "export", "--format", "md"); got != want.String() {
			t.Errorf("%d No's: md differs:\n%.400s\nwant\n%.400s", nos, got, want.String())
		}
	}
}

// writeCSV writes one No per row with RFC 4180 quoting (encoding/csv).
func oldWriteCSV(w io.Writer, nos []journal.No) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	itoa := func(i int) string {
		if i == 0 {
			return ""
		}
		return strconv.Itoa(i)
	}
	for _, n := range nos {
		rec := []string{strconv.FormatUint(n.ID, 10), string(n.Date), n.CreatedAt.Format("2006-01-02T15:04:05Z07:00"),
			n.UpdatedAt.Format("2006-01-02T15:04:05Z07:00"), n.Mode, n.Who, n.Offer, n.Channel, n.Said,
			n.Reason, n.ReasonText, n.Assumed, string(n.Kind), n.Change, n.Competitor, n.CompetitorWhy,
			itoa(n.Feeling), itoa(n.FeelingAfter), n.Lesson, n.Next, string(n.FollowUp),
			strconv.FormatBool(n.FollowUpDone), string(n.Outcome), strings.Join(n.Tags, ";")}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// writeMarkdown writes a readable journal: a heading per month, then per No.
// Text goes through textsafe so no stored escape reaches a terminal that shows it.
func oldWriteMarkdown(w io.Writer, e journal.Export) error {
	var b strings.Builder
	b.WriteString("# Rebound journal\n\n")
	month := ""
	// Newest first, like the journal screen.
	for i := len(e.Nos) - 1; i >= 0; i-- {
		n := e.Nos[i]
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
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write Markdown: %w", err)
	}
	return nil
}
