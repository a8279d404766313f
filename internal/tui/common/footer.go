package common

import (
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// FitShortHelp is bs without the hints named in drop (by their help key,
// the first named first) until the footer line fits width, so a narrow
// terminal loses the least needed hints rather than the end of the line
// (where "? help" and "q quit" are; ? lists everything). width <= 0 keeps
// every hint.
func FitShortHelp(bs []key.Binding, width int, drop ...string) []key.Binding {
	if width <= 0 {
		return bs
	}
	h := help.New() // the root's footer: the same separator, no width limit
	fits := func(bs []key.Binding) bool { return ansi.StringWidth(h.ShortHelpView(bs)) <= width }
	for _, name := range drop {
		if fits(bs) {
			break
		}
		bs = slices.DeleteFunc(slices.Clone(bs), func(b key.Binding) bool { return b.Help().Key == name })
	}
	return bs
}
