package insightsview

import (
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/common"
)

// KeyMap is the insights screen's keys.
type KeyMap struct {
	P7, P30, P90, All, Next, Prev, Back key.Binding
	// Experiment opens the form that starts one (experimentview).
	Experiment key.Binding
	// No half pages here: ctrl+u and ctrl+d turn whole pages.
	common.ScrollKeys
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Periods(), k.Next, k.Down, k.PageDown, k.Experiment, k.Back}
}

// fitted is the footer at the screen's width: the page-down hint goes
// first, then the next-period one, so "x experiment" and "esc back" stay
// in view at 80 columns (? lists every key).
type fitted struct {
	KeyMap
	width int
}

func (f fitted) ShortHelp() []key.Binding {
	return common.FitShortHelp(f.KeyMap.ShortHelp(), f.width, "pgdn", "tab")
}

// Periods is the 1-4 keys as one help entry.
func (k KeyMap) Periods() key.Binding {
	return key.NewBinding(key.WithKeys("1", "2", "3", "4"), key.WithHelp("1-4", "period"))
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.P7, k.P30, k.P90, k.All, k.Next, k.Prev},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Experiment, k.Back},
	}
}

// DefaultKeys for the insights screen.
func DefaultKeys() KeyMap {
	return KeyMap{
		P7:   key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "last 7 days")),
		P30:  key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "last 30 days")),
		P90:  key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "last 90 days")),
		All:  key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "all time")),
		Next: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next period")),
		Prev: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous period")),
		ScrollKeys: common.ScrollKeys{
			Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
			Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll")),
			PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u", "b"), key.WithHelp("pgup", "page up")),
			PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d", "space", "f"), key.WithHelp("pgdn", "page down")),
			Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "top")),
			Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "bottom")),
		},
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Experiment: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "experiment")),
	}
}
