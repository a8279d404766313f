// Package render draws what the domain computes, for both the screens and
// the `--print` output of the commands: the insights report as bars,
// sparklines and tables, and the streak's heatmap. Every figure is written
// as labels and numbers, so it reads the same without colour, and every
// line fits the width it is given (down to about 40 cells). The domain
// packages compute; only this package and the screens draw.
package render

import (
	"charm.land/lipgloss/v2"

	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Styles are the roles the charts use.
type Styles struct {
	Title, Label, Bar, BarAlt, Muted, Accent, Good, Warn lipgloss.Style
}

// Plain is no colour at all (NO_COLOR, pipes, golden tests).
func Plain() Styles {
	s := lipgloss.NewStyle()
	return Styles{Title: s, Label: s, Bar: s, BarAlt: s, Muted: s, Accent: s, Good: s, Warn: s}
}

// Themed takes the chart roles from the app's one palette.
func Themed(st *common.Styles) Styles {
	return Styles{
		Title: st.Subtitle, Label: st.Text, Bar: st.Bar, BarAlt: st.BarAlt,
		Muted: st.Muted, Accent: st.Accent, Good: st.Good, Warn: st.Warn,
	}
}

// MinWidth is the narrowest layout; below it lines are cut.
const MinWidth = 24

const (
	indent    = "  "
	minus     = "−" // U+2212: a real minus reads better than a hyphen next to digits
	maxRows   = 8   // rows per table before "+ N more"
	eighths   = "▏▎▍▌▋▊▉"
	sparkRune = "▁▂▃▄▅▆▇█"
)
