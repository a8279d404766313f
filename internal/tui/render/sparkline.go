package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/words"
)

// spark maps each value to one of ▁▂▃▄▅▆▇█ scaled against top; a zero is a
// blank so an empty week never looks like a small one. Each value takes cell
// cells (the last a gap when cell > 1, so wide strips read as separate
// bars). NaN or <= 0 is blank.
func spark(vals []float64, top float64, cell int) string {
	runes := []rune(sparkRune)
	var b strings.Builder
	for _, v := range vals {
		r := ' '
		if v > 0 && top > 0 && !math.IsNaN(v) {
			lvl := int(math.Ceil(v / top * 8))
			r = runes[min(max(lvl, 1), 8)-1]
		}
		if cell <= 1 {
			b.WriteRune(r)
			continue
		}
		b.WriteString(strings.Repeat(string(r), cell-1) + " ")
	}
	return b.String()
}

// trend is two sparklines, No's and reframed per week, on one scale.
func trend(r insights.Report, w int, st Styles) string {
	if len(r.Weeks) == 0 {
		return ""
	}
	nos := make([]float64, len(r.Weeks))
	ref := make([]float64, len(r.Weeks))
	top := 0
	for i, wk := range r.Weeks {
		nos[i], ref[i] = float64(wk.Nos), float64(wk.Reframed)
		top = max(top, wk.Nos, wk.Reframed)
	}
	const labelW = 9 // "Reframed "
	tail := fmt.Sprintf("  max %d", top)
	cell := min(max((w-len(indent)-labelW-ansi.StringWidth(tail))/len(r.Weeks), 1), 4)
	stripW := cell * len(r.Weeks)
	if cell > 1 {
		stripW-- // the last week's gap
	}
	// One scale for both rows so reframed reads against No's.
	lines := []string{
		indent + st.Label.Render(fmt.Sprintf("%-*s", labelW, "No's")) + st.Bar.Render(spark(nos, float64(top), cell)) + st.Muted.Render(tail),
		indent + st.Label.Render(fmt.Sprintf("%-*s", labelW, "Reframed")) + st.BarAlt.Render(spark(ref, float64(top), cell)),
	}
	first, last := shortDay(r.Weeks[0].Start, false), shortDay(r.Weeks[len(r.Weeks)-1].Start, false)
	axis := "from " + first
	if gap := stripW - ansi.StringWidth(first) - ansi.StringWidth(last); gap >= 1 {
		axis = first + strings.Repeat(" ", gap) + last
	}
	lines = append(lines, indent+strings.Repeat(" ", labelW)+st.Muted.Render(axis))
	this := r.Weeks[len(r.Weeks)-1]
	lines = append(lines, wrap(fmt.Sprintf("This week: %s, %d reframed. Weeks start on Monday.", words.Count(this.Nos, "No", "No's"), this.Reframed), w, indent, indent, st.Muted))
	return strings.Join(lines, "\n")
}

// feeling is the sting sentence and, from two rated weeks, its sparklines.
func feeling(r insights.Report, w int, st Styles) string {
	s := feelingSentence(r)
	if s == "" {
		return wrap("No feelings rated yet. Rate the sting when you log a No, and again after reframing.", w, indent, indent, st.Muted)
	}
	style := st.Label
	if r.FeelingBefore != nil && r.FeelingAfter != nil && *r.FeelingAfter < *r.FeelingBefore {
		style = st.Good
	}
	lines := []string{wrap(s, w, indent, indent, style)}
	before := make([]float64, len(r.FeelingTrend))
	after := make([]float64, len(r.FeelingTrend))
	rated := 0
	for i, f := range r.FeelingTrend {
		if f.Before != nil {
			before[i] = *f.Before
		}
		if f.After != nil {
			after[i] = *f.After
		}
		if f.Before != nil || f.After != nil {
			rated++
		}
	}
	if rated >= 2 { // one point is not a trend
		const labelW = 9
		cell := min(max((w-len(indent)-labelW)/len(before), 1), 4)
		lines = append(lines,
			indent+st.Label.Render(fmt.Sprintf("%-*s", labelW, "Before"))+st.Warn.Render(spark(before, 5, cell)),
			indent+st.Label.Render(fmt.Sprintf("%-*s", labelW, "After"))+st.Good.Render(spark(after, 5, cell)),
			st.Muted.Render(indent+strings.Repeat(" ", labelW)+"last 12 weeks, sting "+journal.StingScale))
	}
	return strings.Join(lines, "\n")
}
