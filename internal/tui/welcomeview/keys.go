package welcomeview

import (
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// KeyMap is the form's keys: huh moves between the choices itself; Cancel
// is the screen's (it skips the welcome, or leaves the settings). The
// footer shows the keys of the focused question (field, by its key): a
// list chooses with ↑/↓, the days are ticked with space, the goal chooses
// with ←/→, the name takes typing, and enter on the goal saves.
type KeyMap struct {
	Choose, ChooseInline, Move, Pick, Next, Save, Prev, Cancel key.Binding
	field                                                      string
}

// DefaultKeys for the welcome (first is the first-run welcome) or settings.
func DefaultKeys(first bool) KeyMap {
	cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave"))
	if first {
		cancel.SetHelp("esc", "skip")
	}
	return KeyMap{
		Choose:       key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")),
		ChooseInline: key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "choose")),
		Move:         key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
		Pick:         key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space", "pick a day")),
		Next:         key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "next")),
		Save:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Prev:         key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		Cancel:       cancel,
	}
}

// ShortHelp is the footer: the focused question's keys.
func (k KeyMap) ShortHelp() []key.Binding {
	switch k.field {
	case "mode":
		return []key.Binding{k.Choose, k.Next, k.Cancel}
	case "name":
		return []key.Binding{k.Next, k.Prev, k.Cancel}
	case "workdays":
		return []key.Binding{k.Move, k.Pick, k.Next, k.Prev, k.Cancel}
	case "goal":
		return []key.Binding{k.ChooseInline, k.Save, k.Prev, k.Cancel}
	}
	return []key.Binding{k.Next, k.Prev, k.Cancel}
}

// FullHelp is the ? overlay: every key of the form.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Choose, k.ChooseInline, k.Move, k.Pick}, {k.Next, k.Save, k.Prev, k.Cancel}}
}

// leaveKeys answer "Leave without saving your changes?".
var leaveKeys = confirm.Keys("leave", "keep editing")
