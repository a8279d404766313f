package reflect

import "charm.land/bubbles/v2/key"

// keyMap is every key the reflection uses; Keys() shows the ones that
// apply to the current step.
type keyMap struct {
	Choose, Next, Prev, Leave      key.Binding
	Skip, SkipEsc, Pause, Continue key.Binding
	Finish, Yes, No                key.Binding
}

func newKeys() keyMap {
	return keyMap{
		Choose:   key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")),
		Next:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous step")),
		Leave:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave")),
		Skip:     key.NewBinding(key.WithKeys("s", "enter"), key.WithHelp("s/enter", "skip")),
		SkipEsc:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "skip")),
		Pause:    key.NewBinding(key.WithKeys("space", "p"), key.WithHelp("space", "pause")),
		Continue: key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "continue")),
		Finish:   key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "done")),
		Yes:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "leave, lose what you wrote")),
		No:       key.NewBinding(key.WithKeys("n"), key.WithHelp("any other key", "stay")),
	}
}

// keyGroup is a short list of bindings as a help.KeyMap.
type keyGroup []key.Binding

func (g keyGroup) ShortHelp() []key.Binding  { return g }
func (g keyGroup) FullHelp() [][]key.Binding { return [][]key.Binding{g} }
