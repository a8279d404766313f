package streakview

import "charm.land/bubbles/v2/key"

// KeyMap is the streak screen's keys.
type KeyMap struct {
	Rest, Back key.Binding
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Rest, k.Back} }

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Rest, k.Back}} }

// DefaultKeys for the streak screen.
func DefaultKeys() KeyMap {
	return KeyMap{
		Rest: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "today is a rest day (toggle)")),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}
