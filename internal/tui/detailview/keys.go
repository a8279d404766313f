package detailview

import (
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// KeyMap is the detail screen's keys. The scrolling keys are the pager's
// usual ones (those of bubbles' viewport) less b and d, which open the
// debrief kit and delete here.
type KeyMap struct {
	Reframe, Edit, Delete, Debrief, Who                key.Binding
	Up, Down, PageUp, PageDown, HalfUp, HalfDown, Back key.Binding
}

// DefaultKeys for the detail screen.
func DefaultKeys() KeyMap {
	return KeyMap{
		Reframe:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reframe")),
		Debrief:  key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "debrief kit")),
		Who:      key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "their history")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/f", "page down")),
		HalfUp:   key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "½ page up")),
		HalfDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "½ page down")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Reframe, k.Edit, k.Delete, k.Debrief, k.Who, k.Back}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Reframe, k.Edit, k.Delete},
		{k.Debrief, k.Who},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown},
		{k.Back},
	}
}

// deleteKeys answer "Delete No #…?".
var deleteKeys = confirm.Keys("delete", "keep it")
