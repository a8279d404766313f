package experimentview

import (
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// KeyMap is the form's footer: huh moves between the fields itself;
// Toggle ticks a reason; Stop is the screen's.
type KeyMap struct{ Next, Prev, Toggle, Stop key.Binding }

// DefaultKeys for the form.
func DefaultKeys() KeyMap {
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		Toggle: key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space", "tick a reason")),
		Stop:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Next, k.Prev, k.Toggle, k.Stop} }

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// discardKeys answer "Discard this experiment?".
var discardKeys = confirm.Keys("discard", "keep editing")
