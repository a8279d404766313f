package review

import (
	"fmt"
	"strings"
	"time"

	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// Section is one part of the review in words: a label and its lines.
// The CLI prints them; the screen styles the label.
type Section struct {
	Label string
	Parts []string // joined with " · ", wrapped to the width
}

// maxShown caps the reasons, kinds, traps and turnarounds a section lists.
const maxShown = 5

// Title is "Week of Mon 23 Nov to Sun 29 Nov" ("… (so far)" while it runs).
func (s *Summary) Title() string {
	switch {
	case s.From == s.To:
		return "Week of " + short(s.From) + " (its first day so far)"
	case !s.full():
		return "Week of " + short(s.From) + " to " + short(s.To) + " (so far)"
	}
	return "Week of " + short(s.From) + " to " + short(s.To)
}

// CountsNote says what the numbers compare: while a week runs, the same
// days of the week before.
func (s *Summary) CountsNote() string {
	if s.full() {
		return "Counts are " + s.this() + "'s, the week before's in brackets."
	}
	return "Counts are this week's so far, the same days of the week before in brackets."
}

// this names the week: "this week", or "that week" for one gone by.
func (s *Summary) this() string {
	if s.Past {
		return "that week"
	}
	return "this week"
}

// full reports a week whose seven days are all in (To is its last day).
func (s *Summary) full() bool { return s.From.AddDays(6) == s.To }

func short(d journal.Day) string {
	t := d.Time(time.UTC)
	return t.Format("Mon 2 Jan")
}

// Sections are the review's parts, in order; a part with nothing to say
// (no trap recorded in either week) is left out.
func (s *Summary) Sections() []Section {
	var out []Section
	nos := fmt.Sprintf("%d %s · %d the week before", s.Nos, s.this(), s.PreviousNos)
	out = append(out, Section{Label: "No's", Parts: []string{nos}})
	if len(s.Reasons) > 0 {
		out = append(out, Section{Label: "By reason", Parts: countParts(s.Reasons)})
	}
	if len(s.Kinds) > 0 {
		out = append(out, Section{Label: "By kind", Parts: countParts(s.Kinds)})
	}
	f := s.FollowUps
	fu := []string{"none due " + s.this()}
	if f.Done+f.Open+f.Ahead > 0 {
		fu = []string{fmt.Sprintf("%d done", f.Done), fmt.Sprintf("%d still open", f.Open)}
		if f.Ahead > 0 {
			fu = append(fu, fmt.Sprintf("%d still to come this week", f.Ahead))
		}
	}
	out = append(out, Section{Label: "Follow-ups", Parts: fu})
	var back []string
	for i, t := range s.Turnarounds {
		if i == maxShown {
			back = append(back, fmt.Sprintf("and %d more", len(s.Turnarounds)-maxShown))
			break
		}
		back = append(back, fmt.Sprintf("%s → %s", oneLine(t.Who, 30), t.Outcome))
	}
	if len(back) == 0 {
		back = []string{"none " + s.this() + " (a No can come back weeks later)"}
	}
	out = append(out, Section{Label: "Came back", Parts: back})
	var exps []string
	for _, e := range s.Experiments {
		exps = append(exps, experimentLine(e))
	}
	if len(exps) == 0 {
		exps = []string{"none running (start one: rebound experiment start)"}
	}
	out = append(out, Section{Label: "Experiment", Parts: exps})
	if len(s.Traps) > 0 {
		out = append(out, Section{Label: "Thinking traps", Parts: countParts(s.Traps)})
	}
	in := s.Intentions
	kept := "none looked back on " + s.this()
	if in.Asked > 0 {
		kept = fmt.Sprintf("kept %d · partly %d · not yet %d, of %d", in.Yes, in.Partly, in.NotYet, in.Asked)
	}
	out = append(out, Section{Label: "Intentions", Parts: []string{kept}})
	if s.Previous != nil {
		out = append(out, Section{Label: "Last week's focus", Parts: []string{oneLine(s.Previous.Focus, 200)}})
	}
	return out
}

// countParts are "Too expensive 3 (1)": this week, then the week before.
func countParts(cs []Count) []string {
	var out []string
	for i, c := range cs {
		if i == maxShown {
			out = append(out, fmt.Sprintf("%d more", len(cs)-maxShown))
			break
		}
		out = append(out, fmt.Sprintf("%s %d (%d)", c.Label, c.Count, c.Prev))
	}
	return out
}

func experimentLine(e experiment.Report) string {
	v := strings.ReplaceAll(string(e.Verdict), "-", " ")
	return fmt.Sprintf("%q: %s, %d of %d before, %d of %d since", oneLine(e.Name, 40), v,
		e.Before.Count, e.Before.Total, e.After.Count, e.After.Total)
}

// oneLine puts s on one line, made inert (no escape or control codes
// reach a terminal), at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(textsafe.Inline(s)), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Text is the review as plain lines (rebound review --print), wrapped to width.
func (s *Summary) Text(width int) string {
	var b strings.Builder
	b.WriteString(s.Title() + "\n")
	b.WriteString(s.Words.Intro + "\n\n")
	b.WriteString(s.CountsNote() + "\n")
	for _, sec := range s.Sections() {
		b.WriteString(Wrap(sec.Label+": ", sec.Parts, width) + "\n")
	}
	b.WriteString("\n" + s.Question + "\n")
	if s.Focus != nil {
		b.WriteString("  " + oneLine(*s.Focus, 500) + "\n")
	} else {
		b.WriteString("  (not answered yet: rebound review --focus \"...\")\n")
	}
	return b.String()
}

// Wrap joins parts after head with " · ", starting a new line (indented
// by two) before a part that would pass width.
func Wrap(head string, parts []string, width int) string {
	var lines []string
	cur := head
	fresh := true
	for _, p := range parts {
		next := cur + p
		if !fresh {
			next = cur + " · " + p
		}
		if !fresh && len([]rune(next)) > width {
			lines = append(lines, cur)
			cur, next = "  ", "  "+p
		}
		cur, fresh = next, false
	}
	var out []string
	for _, l := range append(lines, cur) {
		out = append(out, fold(l, width)...)
	}
	return strings.Join(out, "\n")
}

// fold breaks a line longer than width at spaces, continuing indented by
// two (a word longer than a line is left whole).
func fold(l string, width int) []string {
	var out []string
	for len([]rune(l)) > width {
		r := []rune(l)
		cut := strings.LastIndex(string(r[:width+1]), " ")
		if cut <= 2 {
			break
		}
		out = append(out, strings.TrimRight(l[:cut], " "))
		l = "  " + strings.TrimLeft(l[cut:], " ")
	}
	return append(out, l)
}
