package render

import (
	"fmt"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/words"
)

// wrap word-wraps plain text to w cells with first/rest prefixes, styling
// each line on its own so colour never bleeds across a line break.
func wrap(s string, w int, first, rest string, style lipgloss.Style) string {
	limit := max(w-max(ansi.StringWidth(first), ansi.StringWidth(rest)), 8)
	lines := strings.Split(ansi.Wrap(s, limit, ""), "\n")
	for i, l := range lines {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		lines[i] = prefix + style.Render(strings.TrimRight(l, " "))
	}
	return strings.Join(lines, "\n")
}

// fit is the last guard of the width promise: it cuts any line still too
// wide, and drops trailing blanks (the gaps after the last bar of a strip).
func fit(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " ")
		lines[i] = l
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

func times(n int) string { return words.Count(n, "time", "times") }

// days shows a median of days: whole numbers plainly, halves with one decimal.
func days(d float64) string {
	if d == math.Trunc(d) {
		return words.Count(int(d), "day", "days")
	}
	return fmt.Sprintf("%.1f days", d)
}

// shortDays is days for a table column: "12d", "11.5d".
func shortDays(d float64) string {
	if d == math.Trunc(d) {
		return fmt.Sprintf("%dd", int(d))
	}
	return fmt.Sprintf("%.1fd", d)
}
