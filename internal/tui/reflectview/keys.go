package reflectview

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/confirm"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// keyMap is every key the reflection uses; Keys() shows the ones that
// apply to the current step.
type keyMap struct {
	Choose, Next, Save, Prev, Leave key.Binding
	Skip, SkipEsc, Pause, Continue  key.Binding
	Finish, Quit, NewLine           key.Binding
	// Editor opens $EDITOR on an answer (formscreen).
	Editor key.Binding
	// Exit is ctrl+c, which quits the app (asking first over typed text).
	Exit key.Binding
}

func newKeys() keyMap {
	return keyMap{
		Choose: key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")),
		Next:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		// enter on the last step (the intention) saves the reflection.
		Save:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		NewLine:  formscreen.NewLine,
		Editor:   formscreen.Editor,
		Exit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous step")),
		Leave:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave")),
		Skip:     key.NewBinding(key.WithKeys("s", "enter"), key.WithHelp("s/enter", "skip")),
		SkipEsc:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "skip")),
		Pause:    key.NewBinding(key.WithKeys("space", "p"), key.WithHelp("space", "pause")),
		Continue: key.NewBinding(key.WithKeys("enter", "esc", "s"), key.WithHelp("enter", "continue")),
		Finish:   key.NewBinding(key.WithKeys("enter", "esc", "q"), key.WithHelp("enter", "done")),
		// q leaves from the ritual (asking first when something was written).
		Quit: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "leave")),
	}
}

// leaveKeys answer "Leave the reflection and lose what you wrote?".
var leaveKeys = confirm.Keys("leave, lose what you wrote", "stay")

// keyGroup is the keys of a step as a help.KeyMap: short in the footer,
// more only in the ? overlay.
type keyGroup struct{ short, more []key.Binding }

func (g keyGroup) ShortHelp() []key.Binding { return g.short }
func (g keyGroup) FullHelp() [][]key.Binding {
	if len(g.more) == 0 {
		return [][]key.Binding{g.short}
	}
	return [][]key.Binding{g.short, g.more}
}

func keys(short ...key.Binding) keyGroup { return keyGroup{short: short} }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap {
	k := m.keys
	switch {
	case m.form.Asking():
		return m.form.Keys(nil)
	case m.step == stepRitual && m.ritual.Type == "breathing" && !m.phase.Done:
		pause := k.Pause
		if m.paused {
			pause.SetHelp("space", "resume")
		}
		return keyGroup{short: []key.Binding{k.Skip, pause, k.SkipEsc}, more: []key.Binding{k.Quit}}
	case m.step == stepRitual:
		return keyGroup{short: []key.Binding{k.Continue}, more: []key.Binding{k.Quit}}
	case m.step == stepDone:
		return keys(k.Finish)
	case m.isFormStep():
		if m.step == stepMood {
			return keys(k.Choose, k.Next, k.Leave)
		}
		if m.step == stepRitualPick {
			return keys(k.Choose, k.Next, k.Prev, k.Leave)
		}
		if m.step == stepIntention {
			return keys(k.Save, k.Prev, k.Leave)
		}
		if m.form.InTextArea() {
			return keys(k.NewLine, k.Next, k.Prev, k.Leave)
		}
		return keys(k.Next, k.Prev, k.Leave)
	}
	return keys(k.Leave)
}
