package followups

import "charm.land/bubbles/v2/key"

// KeyMap is the follow-ups screen's keys.
type KeyMap struct {
	Up, Down, Open, Done, Snooze, SnoozeWeek, Reschedule, Outcome, Accept, Debrief, Who, Back key.Binding
}

// DefaultKeys for the follow-ups screen.
func DefaultKeys() KeyMap {
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Done:       key.NewBinding(key.WithKeys("x", "d"), key.WithHelp("x/d", "done")),
		Snooze:     key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "+1 day")),
		SnoozeWeek: key.NewBinding(key.WithKeys("Z"), key.WithHelp("Z", "+1 week")),
		Reschedule: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "date")),
		Outcome:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "outcome")),
		Accept:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "accept")),
		Debrief:    key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "debrief")),
		Who:        key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "history")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Done, k.Snooze, k.Reschedule, k.Outcome, k.Accept, k.Open, k.Back}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Open, k.Back},
		{k.Done, k.Snooze, k.SnoozeWeek, k.Reschedule},
		{k.Outcome, k.Accept, k.Debrief, k.Who},
	}
}
