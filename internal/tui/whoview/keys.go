package whoview

import "charm.land/bubbles/v2/key"

// KeyMap is the prospect screen's keys.
type KeyMap struct{ Up, Down, Open, Debrief, Prep, Back key.Binding }

// DefaultKeys for the screen.
func DefaultKeys() KeyMap {
	return KeyMap{
		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous No")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next No")),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Debrief: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "debrief kit")),
		Prep:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "prep card")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Debrief, k.Prep, k.Back}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down}, {k.Open, k.Debrief, k.Prep}, {k.Back}}
}
