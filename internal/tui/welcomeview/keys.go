package welcomeview

import (
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// KeyMap is the form's keys: huh moves between the choices itself; Cancel
// is the screen's (it skips the welcome, or leaves the settings).
type KeyMap struct{ Choose, Next, Prev, Cancel key.Binding }

// DefaultKeys for the welcome (first is the first-run welcome) or settings.
func DefaultKeys(first bool) KeyMap {
	cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave"))
	if first {
		cancel.SetHelp("esc", "skip")
	}
	return KeyMap{
		Choose: key.NewBinding(key.WithKeys("up", "down", "left", "right"), key.WithHelp("↑↓/←→", "choose")),
		Next:   key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "next")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		Cancel: cancel,
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Choose, k.Next, k.Prev, k.Cancel} }

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// leaveKeys answer "Leave without saving your changes?".
var leaveKeys = confirm.Keys("leave", "keep editing")
