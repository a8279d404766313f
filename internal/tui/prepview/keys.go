package prepview

import "charm.land/bubbles/v2/key"

// KeyMap is the prep screen's keys: the card's, and the picker's when a
// typed name matches several prospects.
type KeyMap struct {
	Up, Down, Condition, Who, Debrief, Back key.Binding
	// Pick is the picker's.
	Pick PickKeys
}

// PickKeys choose one of several prospects.
type PickKeys struct{ Up, Down, Open, Back key.Binding }

// DefaultKeys for the screen.
func DefaultKeys() KeyMap {
	return KeyMap{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		Condition: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "condition met?")),
		Who:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "history")),
		Debrief:   key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "debrief")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Pick: PickKeys{
			Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
			Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
			Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "prepare")),
			Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		},
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Condition, k.Who, k.Debrief, k.Up, k.Down, k.Back}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Condition, k.Who, k.Debrief}, {k.Up, k.Down}, {k.Back}}
}

// ShortHelp is the picker's footer.
func (k PickKeys) ShortHelp() []key.Binding { return []key.Binding{k.Up, k.Down, k.Open, k.Back} }

// FullHelp is the picker's ? overlay.
func (k PickKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
