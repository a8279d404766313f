package whoview

import (
	"strings"

	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// headLines are the prospect's name and the summary of their No's: on one
// line when both fit, else the name on a line of its own and the summary
// wrapped under it, so nothing is cut at 80 columns (the summary's
// "latest: open" was cut to "lates…").
func headLines(st *common.Styles, name, summary string, w int) []string {
	if textsafe.Width(name)+2+textsafe.Width(summary) <= w {
		return []string{st.Title.Render(name) + "  " + st.Muted.Render(summary)}
	}
	lines := []string{st.Title.Render(textsafe.Truncate(name, w))}
	return append(lines, strings.Split(st.Muted.Width(w).Render(summary), "\n")...)
}
