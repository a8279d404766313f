package logview

import (
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/confirm"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// KeyMap is the form's keys: huh moves between fields itself; Cancel is
// the screen's (it asks first when something was typed). NewLine is
// shown while the text area has the focus (text), in place of Submit,
// which never applies there.
type KeyMap struct {
	Next, Prev, Submit, Cancel, NewLine key.Binding
	// Editor opens $EDITOR on the text area (formscreen).
	Editor key.Binding
	text   bool
}

// DefaultKeys for the log and edit form.
func DefaultKeys() KeyMap {
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/enter", "next")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back a field")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter on last", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		// huh's text area takes it; here for the footer.
		NewLine: formscreen.NewLine,
		Editor:  formscreen.Editor,
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	if k.text {
		return []key.Binding{k.NewLine, k.Next, k.Prev, k.Cancel}
	}
	return []key.Binding{k.Next, k.Prev, k.Submit, k.Cancel}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.Submit, k.Cancel}, {k.NewLine, k.Editor}}
}

// discardKeys answer "Discard what you typed?".
var discardKeys = confirm.Keys("discard", "keep editing")
