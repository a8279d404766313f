package journalview

import (
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// KeyMap is the journal's keys: the list's, and the filter's while it is
// typed into (every other key edits the filter).
type KeyMap struct {
	common.ListKeys
	FilterOpen, FilterDone, FilterClear key.Binding
	// Help is the root's ? (it opens the help on any screen not taking
	// text), named in the footer as home names it.
	Help key.Binding
}

// DefaultKeys for the journal.
func DefaultKeys() KeyMap {
	return KeyMap{
		ListKeys:    common.NewListKeys(),
		FilterOpen:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open the top match")),
		FilterDone:  key.NewBinding(key.WithKeys("down", "up"), key.WithHelp("↓/↑", "to the list")),
		FilterClear: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear the filter")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Edit, k.Delete, k.Filter, k.Back, k.Help}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Edit, k.Delete},
		{k.Filter, k.Back},
	}
}

// filterKeys are the footer while the filter is typed into.
type filterKeys struct{ Open, Done, Clear key.Binding }

func (k filterKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Open, k.Done, k.Clear} }
func (k filterKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// deleteKeys answer "Delete No #…?".
var deleteKeys = confirm.Keys("delete", "keep it")

// Keys for the footer and help: the question's or the filter's while open.
func (m *Model) Keys() help.KeyMap {
	switch {
	case m.ask.Open():
		return m.ask.Help()
	case m.typing:
		return filterKeys{m.keys.FilterOpen, m.keys.FilterDone, m.keys.FilterClear}
	}
	return fitted{m.keys, m.width}
}

// fitted is the footer at the screen's width: the arrows go first (both:
// one alone reads as the only way to move), then edit and delete, so
// "? help" stays in view (as on home).
type fitted struct {
	KeyMap
	width int
}

func (f fitted) ShortHelp() []key.Binding {
	bs := common.FitShortHelp(f.KeyMap.ShortHelp(), f.width, "↑/k", "↓/j", "e", "d")
	named := func(b key.Binding) bool { return b.Help() == f.Up.Help() }
	if !slices.ContainsFunc(bs, named) {
		bs = slices.DeleteFunc(bs, func(b key.Binding) bool { return b.Help() == f.Down.Help() })
	}
	return bs
}
