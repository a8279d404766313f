package logview

import (
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// KeyMap is the form's keys: huh moves between fields itself; Cancel is
// the screen's (it asks first when something was typed).
type KeyMap struct{ Next, Prev, Submit, Cancel key.Binding }

// DefaultKeys for the log and edit form.
func DefaultKeys() KeyMap {
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/enter", "next")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back a field")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter on last", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Next, k.Prev, k.Submit, k.Cancel} }

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// discardKeys answer "Discard what you typed?".
var discardKeys = confirm.Keys("discard", "keep editing")
