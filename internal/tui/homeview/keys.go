package homeview

import "charm.land/bubbles/v2/key"

// KeyMap is the home screen's keys. Settings is in the ? help only (the
// footer has no room at 80 columns).
type KeyMap struct {
	Log, Reflect, Journal, Streak, Insights, FollowUps, Settings, Up, Down, Open, Help, Quit key.Binding
	// Review opens the weekly review (? help only, like Settings).
	Review key.Binding
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Log, k.Reflect, k.Journal, k.Streak, k.Insights, k.FollowUps, k.Help, k.Quit}
}

// FullHelp is the ? overlay; ? and q are in the root's lines under it.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Log, k.Reflect, k.Journal}, {k.Streak, k.Insights, k.FollowUps, k.Review, k.Settings}, {k.Up, k.Down, k.Open}}
}

// DefaultKeys for home.
func DefaultKeys() KeyMap {
	return KeyMap{
		Log:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "log a No")),
		Reflect:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reflect")),
		Journal:   key.NewBinding(key.WithKeys("j"), key.WithHelp("j", "journal")),
		Streak:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "streak")),
		Insights:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "insights")),
		FollowUps: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow-ups")),
		Settings:  key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "settings")),
		Review:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "weekly review")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous waiting No")),
		Down:      key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next waiting No")),
		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "reframe the selected No")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
	}
}
