package render

import (
	"fmt"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// bars draws one row per item: label, a bar proportional to the largest
// count (█ with eighth-block partials), the count, its share and, when a
// previous period exists, the change ("+3", "−2", "new", "±0").
func bars(items []insights.Count, width int, st Styles) string {
	if len(items) == 0 {
		return ""
	}
	width = max(width, MinWidth)
	maxCount, labelW, countW, changeW := 0, 0, 1, 0
	for _, c := range items {
		maxCount = max(maxCount, c.Count)
		labelW = max(labelW, textsafe.Width(textsafe.Inline(c.Label)))
		countW = max(countW, len(fmt.Sprint(c.Count)))
		if c.Compared {
			changeW = max(changeW, ansi.StringWidth(change(c)))
		}
	}
	const shareW = 4 // "100%"
	fixed := len(indent) + 1 + 1 + countW + 1 + shareW
	if changeW > 0 {
		fixed += 1 + changeW
	}
	// The label is what a row is about: it takes what it needs, as long
	// as the bar keeps minBar cells (or a third of the width, when less).
	const minBar = 16
	labelW = min(labelW, max(8, width/3, width-fixed-minBar))
	barW := max(width-fixed-labelW, 1)
	lines := make([]string, len(items))
	for i, c := range items {
		barStyle := st.Bar
		if i%2 == 1 {
			barStyle = st.BarAlt // alternate rows so neighbouring bars stay apart in colour too
		}
		b := bar(c.Count, maxCount, barW)
		line := indent + st.Label.Render(textsafe.PadRight(c.Label, labelW)) + " " +
			barStyle.Render(b) + strings.Repeat(" ", barW-ansi.StringWidth(b)) + " " +
			fmt.Sprintf("%*d", countW, c.Count) + " " + st.Muted.Render(fmt.Sprintf("%*s", shareW, fmt.Sprintf("%d%%", insights.Percent(c.Share))))
		if changeW > 0 {
			line += " " + changeStyle(c, st).Render(fmt.Sprintf("%*s", changeW, change(c))) // runes: "−" is one cell
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n")
}

// bar is n/maxN of width cells, in eighths; any n > 0 shows at least ▏.
func bar(n, maxN, width int) string {
	if n <= 0 || maxN <= 0 || width <= 0 {
		return ""
	}
	e := int(math.Round(float64(n) / float64(maxN) * float64(width*8)))
	e = min(max(e, 1), width*8)
	s := strings.Repeat("█", e/8)
	if rem := e % 8; rem > 0 {
		s += string([]rune(eighths)[rem-1])
	}
	return s
}

func change(c insights.Count) string {
	switch {
	case !c.Compared:
		return ""
	case c.Prev == 0:
		return "new"
	case c.Change > 0:
		return fmt.Sprintf("+%d", c.Change)
	case c.Change < 0:
		return fmt.Sprintf("%s%d", minus, -c.Change)
	}
	return "±0"
}

// changeStyle: fewer No's of a reason is good news, more is worth a look.
func changeStyle(c insights.Count, st Styles) lipgloss.Style {
	switch {
	case c.Prev == 0:
		return st.Accent
	case c.Change > 0:
		return st.Warn
	case c.Change < 0:
		return st.Good
	}
	return st.Muted
}
