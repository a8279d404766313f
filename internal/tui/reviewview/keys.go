package reviewview

import "charm.land/bubbles/v2/key"

// KeyMap is the review's keys: the answer field has the focus, so only
// keys that are not text act.
type KeyMap struct {
	Save, Back key.Binding
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Save, k.Back} }

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Save, k.Back}} }

// DefaultKeys for the review.
func DefaultKeys() KeyMap {
	return KeyMap{
		Save: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save your focus")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}
