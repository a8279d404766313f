package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/streak"
)

// The heatmap's glyphs: one per intensity, so it reads without colour. A
// rest day and a day off are not letters, which would read as keys (the
// rest day's key is t).
const (
	GlyphNone   = "·"
	GlyphRest   = "~"
	GlyphOff    = "-"
	GlyphFuture = " "
)

var levelGlyphs = [streak.MaxLevel + 1]string{GlyphNone, "░", "▒", "▓", "█"}

// HeatLabelWidth is the width of the weekday labels left of the heatmap.
const HeatLabelWidth = 4

// MaxHeatWeeks is a year of weeks.
const MaxHeatWeeks = 53

// Glyph is how a heatmap cell is drawn: blank in the future, "~" for a rest
// day and "-" for a day outside the workdays when nothing was done (neither
// is a missed day), else "·░▒▓█" by level.
func Glyph(c streak.Cell) string {
	switch {
	case c.Future:
		return GlyphFuture
	case c.Level == 0 && c.Rest:
		return GlyphRest
	case c.Level == 0 && c.Off:
		return GlyphOff
	}
	return levelGlyphs[max(0, min(c.Level, streak.MaxLevel))]
}

// HeatWeeks is how many weeks of cellW columns fit in width next to the
// weekday labels (at most a year, at least 0).
func HeatWeeks(width, cellW int) int {
	if cellW <= 0 {
		cellW = 1
	}
	return max(0, min(MaxHeatWeeks, (width-HeatLabelWidth)/cellW))
}

// Paint styles one cell's glyph; nil draws plain glyphs.
type Paint func(c streak.Cell, glyph string) string

// DrawHeatmap lays out cols (streak.Heatmap: weeks as columns, Monday to
// Sunday) as text: a line of month labels, seven rows labelled Mon, Wed
// and Fri, and a last line pointing at today's column. Each cell takes
// cellW columns (1 or 2). Every line is at most HeatLabelWidth+len(cols)*cellW wide.
func DrawHeatmap(cols [][]streak.Cell, cellW int, paint Paint) []string {
	if len(cols) == 0 {
		return nil
	}
	cellW = max(1, min(cellW, 2))
	if paint == nil {
		paint = func(_ streak.Cell, g string) string { return g }
	}
	width := HeatLabelWidth + len(cols)*cellW
	lines := []string{monthLine(cols, cellW, width)}
	dayLabels := [7]string{"Mon", "", "Wed", "", "Fri", "", ""}
	for row := range 7 {
		var b strings.Builder
		b.WriteString(fmt.Sprintf("%-*s", HeatLabelWidth, dayLabels[row]))
		for _, col := range cols {
			c := col[row]
			if c.Future {
				b.WriteString(GlyphFuture) // unpainted, so the row's end trims clean
			} else {
				b.WriteString(paint(c, Glyph(c)))
			}
			if cellW == 2 {
				b.WriteString(" ")
			}
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	// Today is in the last column; point at it.
	at := HeatLabelWidth + (len(cols)-1)*cellW
	marker := "today ↑"
	if at+1 < ansi.StringWidth(marker) {
		marker = "↑"
	}
	lines = append(lines, strings.Repeat(" ", max(0, at+1-ansi.StringWidth(marker)))+marker)
	return lines
}

// monthLine puts a month's short name above the first week that starts in
// it, skipping a label that would run into the next one.
func monthLine(cols [][]streak.Cell, cellW, width int) string {
	line := []rune(strings.Repeat(" ", width))
	next := 0 // first free position
	for i, col := range cols {
		t := col[0].Day.Time(time.UTC)
		if i > 0 && cols[i-1][0].Day.Time(time.UTC).Month() == t.Month() {
			continue
		}
		name := t.Format("Jan")
		pos := HeatLabelWidth + i*cellW
		if i == 0 {
			// The first column is usually mid-month: label it only when the
			// next month's label leaves room.
			if j := nextMonthCol(cols); j >= 0 && (j-i)*cellW < len(name)+1 {
				continue
			}
		}
		if pos < next || pos+len(name) > width {
			continue
		}
		copy(line[pos:], []rune(name))
		next = pos + len(name) + 1
	}
	return strings.TrimRight(string(line), " ")
}

func nextMonthCol(cols [][]streak.Cell) int {
	first := cols[0][0].Day.Time(time.UTC).Month()
	for j := 1; j < len(cols); j++ {
		if cols[j][0].Day.Time(time.UTC).Month() != first {
			return j
		}
	}
	return -1
}

// LegendItem is one entry of the heatmap legend.
type LegendItem struct {
	Cell  streak.Cell // a sample cell to paint the glyph with
	Glyph string
	Label string
}

// Legend explains the glyphs: nothing, 1, 2, 3, 4+ things done, rest day,
// and with daysOff (some days are outside the workdays) day off.
func Legend(daysOff bool) []LegendItem {
	items := []LegendItem{{Cell: streak.Cell{}, Glyph: GlyphNone, Label: "none"}}
	for l := 1; l <= streak.MaxLevel; l++ {
		label := string(rune('0' + l))
		if l == streak.MaxLevel {
			label += "+"
		}
		items = append(items, LegendItem{Cell: streak.Cell{Level: l}, Glyph: levelGlyphs[l], Label: label})
	}
	items = append(items, LegendItem{Cell: streak.Cell{Rest: true}, Glyph: GlyphRest, Label: "rest day"})
	if daysOff {
		items = append(items, LegendItem{Cell: streak.Cell{Off: true}, Glyph: GlyphOff, Label: "day off"})
	}
	return items
}

// LegendLine is the legend on one line, painted like the cells.
func LegendLine(paint Paint, daysOff bool) string {
	return strings.Join(LegendLines(paint, 0, daysOff), "")
}

// LegendLines is the legend wrapped to width (0: one line), painted like the cells.
func LegendLines(paint Paint, width int, daysOff bool) []string {
	if paint == nil {
		paint = func(_ streak.Cell, g string) string { return g }
	}
	var lines []string
	cur, curW := "", 0
	for _, it := range Legend(daysOff) {
		part := paint(it.Cell, it.Glyph) + " " + it.Label
		pw := ansi.StringWidth(part)
		switch {
		case curW == 0:
			cur, curW = part, pw
		case width > 0 && curW+2+pw > width:
			lines = append(lines, cur)
			cur, curW = part, pw
		default:
			cur, curW = cur+"  "+part, curW+2+pw
		}
	}
	return append(lines, cur)
}
