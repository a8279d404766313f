package render

import (
	"fmt"
	"strings"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/words"
)

// competitors is a table of what they chose instead, named in the mode's
// words (alt), and why; too narrow for a third column, the whys go under
// the name.
func competitors(cs []insights.Competitor, alt coach.Alternative, w int, st Styles) string {
	if len(cs) == 0 {
		return wrap(alt.None, w, indent, indent, st.Muted)
	}
	shown := cs[:min(len(cs), maxRows)]
	label := words.Capital(alt.One)
	nameW := textsafe.Width(label)
	for _, c := range shown {
		nameW = max(nameW, textsafe.Width(textsafe.Inline(c.Name)))
	}
	nameW = min(nameW, max(10, w/4))
	const countW = 4 // "No's"
	whyW := w - len(indent) - nameW - 1 - countW - 2
	stacked := whyW < 16 // too narrow for a third column: whys go under the name
	head := indent + textsafe.PadRight(label, nameW) + " " + fmt.Sprintf("%*s", countW, "No's")
	if !stacked {
		head += "  " + words.Capital(alt.Why)
	}
	lines := []string{st.Muted.Render(head)}
	for _, c := range shown {
		whys := make([]string, len(c.Whys))
		for i, y := range c.Whys {
			whys[i] = textsafe.Inline(y)
		}
		row := indent + st.Label.Render(textsafe.PadRight(c.Name, nameW)) + " " + fmt.Sprintf("%*d", countW, c.Count)
		why := strings.Join(whys, "; ")
		switch {
		case why == "":
		case stacked:
			row += "\n" + indent + indent + st.Muted.Render(textsafe.Truncate(why, w-2*len(indent)))
		default:
			row += "  " + st.Muted.Render(textsafe.Truncate(why, whyW))
		}
		lines = append(lines, row)
	}
	if more := len(cs) - len(shown); more > 0 {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("%s+ %d more", indent, more)))
	}
	return strings.Join(lines, "\n")
}

func turnaround(r insights.Report, w int, st Styles) string {
	style := st.Label
	if r.Turned > 0 {
		style = st.Good
	}
	lines := []string{wrap(turnedSentence(r), w, indent, indent, style)}
	if r.Turned == 0 {
		lines = append(lines, wrap("None turned yet. Follow-ups are where No's turn.", w, indent, indent, st.Muted))
		return strings.Join(lines, "\n")
	}
	// One label width for both tables so their columns line up.
	labelW := textsafe.Width("By reason")
	for _, rows := range [][]insights.Turnaround{r.ByReason, r.ByKind} {
		for _, t := range rows[:min(len(rows), maxRows)] {
			labelW = max(labelW, textsafe.Width(textsafe.Inline(t.Label)))
		}
	}
	labelW = min(labelW, max(8, w-len(indent)-turnNumW))
	for _, tbl := range []string{turnTable("By reason", r.ByReason, labelW, st), turnTable("By kind", r.ByKind, labelW, st)} {
		if tbl != "" {
			lines = append(lines, tbl)
		}
	}
	return strings.Join(lines, "\n")
}

// turnNumW is the width of the number columns of a turnaround table.
const turnNumW = 27

// turnTable shows which No's are worth following up: rows by rate, best first.
func turnTable(title string, rows []insights.Turnaround, labelW int, st Styles) string {
	if len(rows) == 0 {
		return ""
	}
	shown := rows[:min(len(rows), maxRows)]
	lines := []string{st.Muted.Render(indent + fmt.Sprintf("%-*s", labelW, title) + "  No's turned  rate  to yes")}
	for _, t := range shown {
		toYes := "—"
		if t.MedianDaysToYes != nil {
			toYes = shortDays(*t.MedianDaysToYes)
		}
		rate := "—" // too few No's for a rate
		if insights.RateShown(t.Nos) {
			rate = fmt.Sprintf("%d%%", insights.Percent(t.Rate))
		}
		lines = append(lines, indent+st.Label.Render(textsafe.PadRight(t.Label, labelW))+
			fmt.Sprintf("  %4d %6d %5s %7s", t.Nos, t.Turned, rate, toYes))
	}
	if more := len(rows) - len(shown); more > 0 {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("%s+ %d more", indent, more)))
	}
	return strings.Join(lines, "\n")
}
