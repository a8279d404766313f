package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// keyMap is the root's own keys, handled on every screen that is not
// capturing text (there a form, a filter or a question gets them).
type keyMap struct {
	Help key.Binding
	// Back is q: back one screen, and quit from the first one.
	Back key.Binding
	Quit key.Binding
	// Leave (esc or q) goes back from a screen still loading; not in the
	// help, where each screen lists its own way back.
	Leave key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Help:  key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back:  key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "back")),
		Quit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Leave: key.NewBinding(key.WithKeys("esc", "q")),
	}
}

// help is the keys as they work at depth screens deep: on the first
// screen q quits; on a screen taking text (a form) q is a letter, so only
// ? and ctrl+c are listed.
func (k keyMap) help(depth int, capturing bool) help.KeyMap {
	if depth <= 1 {
		k.Back.SetHelp("q", "quit")
	}
	if capturing {
		k.Back.SetEnabled(false)
	}
	return k
}

// ShortHelp is the ? overlay's line of global keys.
func (k keyMap) ShortHelp() []key.Binding { return []key.Binding{k.Help, k.Back, k.Quit} }

// FullHelp is the same keys.
func (k keyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// loaderKeys are the edit loader's: it only waits for the No, or goes back.
type loaderKeys struct{ Back key.Binding }

func newLoaderKeys() loaderKeys {
	return loaderKeys{Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))}
}

func (k loaderKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Back} }
func (k loaderKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
