// Package confirm is the one yes/no question the screens ask before
// something that cannot be undone (deleting a No, throwing away typed
// text) or that is only offered (the next check-in): y answers yes, any
// other key no, and the footer shows exactly those keys.
package confirm

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rebound-coach/rebound/internal/textsafe"
)

// KeyMap is the question's keys. Yes says yes; every other key says no, so
// No is there for the help only (its key, n, is one of the many).
type KeyMap struct{ Yes, No key.Binding }

// ShortHelp is the footer while the question is open.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No} }

// FullHelp is the same two keys.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Keys are y (or Y) for yes and any other key for no; yes and no say what
// each answer does ("discard", "keep editing").
func Keys(yes, no string) KeyMap {
	return KeyMap{
		Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", yes)),
		No:  key.NewBinding(key.WithKeys("n"), key.WithHelp("any other key", no)),
	}
}

// Model is one question, open or closed. The zero value is closed.
type Model struct {
	keys     KeyMap
	question string
	open     bool
}

// New is a closed question answered with keys.
func New(keys KeyMap) Model { return Model{keys: keys} }

// Ask opens the question (one line, saying what y and the other keys do).
func (c *Model) Ask(question string) { c.question, c.open = question, true }

// Open reports whether the question waits for an answer.
func (c *Model) Open() bool { return c.open }

// Close drops the question unanswered.
func (c *Model) Close() { c.open = false }

// Answer closes the question with k and reports whether k said yes.
func (c *Model) Answer(k tea.KeyPressMsg) bool {
	c.open = false
	return key.Matches(k, c.keys.Yes)
}

// View is the question on one line of width w in style (empty when closed).
func (c *Model) View(style lipgloss.Style, w int) string {
	if !c.open {
		return ""
	}
	return style.Render(textsafe.Truncate(c.question, max(20, w)))
}

// Help is the question's keys, for the screen's footer and ? help.
func (c *Model) Help() help.KeyMap { return c.keys }
