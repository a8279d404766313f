package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

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

// printNo prints every filled field of a No as label: value lines, the
// labels in the No's mode's words.
func printNo(w io.Writer, n journal.No, mode *coach.Mode) {
	fmt.Fprintf(w, "No #%d — %s\n", n.ID, textsafe.Inline(n.Who))
	row := func(label, v string) {
		if strings.TrimSpace(v) != "" {
			printRow(w, label, v)
		}
	}
	alt := mode.Words.Alt()
	label := func(id string) string {
		if r, ok := mode.Reason(id); ok {
			return r.Label + " (" + id + ")"
		}
		return id
	}
	row("contact", n.Contact)
	row("date", string(n.Date))
	row("mode", n.Mode)
	row("offer", n.Offer)
	row("channel", n.Channel)
	row("said", n.Said)
	row("reason", label(n.Reason))
	row("reason text", n.ReasonText)
	row("assumed", label(n.Assumed))
	row("secondary reasons", labels(n.SecondaryReasons, label))
	row("kind", string(n.Kind))
	row("stage", choice(mode.StageLabel, n.Stage))
	row("change", n.Change)
	if n.ConditionMet {
		row("condition met", "yes")
	}
	row(alt.One, n.Competitor)
	row(alt.Why, n.CompetitorWhy)
	// The sting's words at both ends: the daily mood runs the other way.
	if n.Feeling > 0 {
		row("feeling", journal.Sting(n.Feeling)+" ("+journal.StingScale+")")
	}
	row("thought", n.Thought)
	row("traps", labels(n.Traps, mode.TrapName))
	row("evidence for", n.EvidenceFor)
	row("evidence against", n.EvidenceAgainst)
	row("balanced thought", n.Balanced)
	if n.FeelingAfter > 0 {
		row("feeling after", journal.Sting(n.FeelingAfter)+" ("+journal.StingScale+")")
	}
	row("prepared", n.Prepared)
	row("mistake", choice(mode.MistakeLabel, n.Mistake))
	row("lesson", n.Lesson)
	row("next", n.Next)
	switch {
	case n.Referral != "":
		row("referral", n.Referral)
	case n.ReferralAsked:
		row("referral", "asked, none given")
	}
	if !n.FollowUp.IsZero() {
		fu := string(n.FollowUp)
		if n.FollowUpDone {
			fu += " (done)"
		}
		row("follow up", fu)
	}
	row("outcome", string(n.Outcome))
	row("tags", strings.Join(n.Tags, ", "))
	if n.Amount != 0 {
		row("amount", amountCell(n.Amount))
	}
	row("imported from", n.Source)
	for _, d := range n.Debrief {
		row("debrief", d.Prompt+" — "+d.Answer)
	}
	if n.Reframed() {
		row("reframed", "yes")
	} else {
		row("reframed", "not yet (needs a reason, their answer to the turnaround question, and a lesson)")
	}
}

// labels shows ids by their labels: "Fortune telling, Labelling".
func labels(ids []string, label func(string) string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = label(id)
	}
	return strings.Join(out, ", ")
}

// choice is an id of the mode's lists shown as "Label (id)".
func choice(label func(string) string, id string) string {
	if id == "" {
		return ""
	}
	if l := label(id); l != id {
		return l + " (" + id + ")"
	}
	return id
}

// rowLabel is the width of a printed No's labels: the longest a mode's
// words make ("why it was stronger"), and a space.
const rowLabel = 21

// printRow writes one row of a printed No: the label padded to rowLabel,
// or followed by two spaces when a mode's words make it longer (modes are
// data), so a label never runs into its value ("in their wordsYear-two…");
// the value's further lines line up under its first.
func printRow(w io.Writer, label, v string) {
	pad := max(rowLabel, textsafe.Width(label)+2)
	v = strings.ReplaceAll(textsafe.Block(v), "\n", "\n"+strings.Repeat(" ", 2+pad))
	fmt.Fprintf(w, "  %s%s%s\n", label, strings.Repeat(" ", pad-textsafe.Width(label)), v)
}
