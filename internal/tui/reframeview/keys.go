package reframeview

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// keyMap is the flow's keys; huh handles the field keys itself.
type keyMap struct {
	NextField, PrevField, NextStep, PrevStep, Leave, Quit key.Binding
	// Back leaves while the No is loading or could not be read.
	Back key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		NextField: key.NewBinding(key.WithKeys("tab", "enter"), key.WithHelp("tab/enter", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		NextStep:  key.NewBinding(key.WithKeys("ctrl+n", "pgdown"), key.WithHelp("ctrl+n", "skip to next step")),
		PrevStep:  key.NewBinding(key.WithKeys("ctrl+p", "pgup"), key.WithHelp("ctrl+p", "previous step")),
		Leave:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "save draft & leave")),
		Quit:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save draft & quit")),
		Back:      key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp is the footer.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextStep, k.PrevStep, k.Leave, k.NextField}
}

// FullHelp is the ? view.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.NextField, k.PrevField}, {k.NextStep, k.PrevStep, k.Leave, k.Quit}}
}

// backKeys are the keys of a No that could not be read: only back.
type backKeys struct{ Back key.Binding }

func (k backKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Back} }
func (k backKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap {
	switch {
	case m.chooser != nil:
		return m.chooser.Help()
	case m.no == nil && m.loadErr != nil:
		return backKeys{m.keys.Back}
	}
	return m.keys
}
