package debriefview

import (
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// KeyMap is the debrief screen's keys.
type KeyMap struct {
	Copy, CopySubject, CopyQuestions, Answer, Back key.Binding
	common.ScrollKeys
}

// DefaultKeys for the debrief screen. The scrolling keys are the pager's
// usual ones (those of bubbles' viewport).
func DefaultKeys() KeyMap {
	return KeyMap{
		Copy:          key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy e-mail")),
		CopySubject:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "copy subject")),
		CopyQuestions: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "copy questions")),
		Answer:        key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "record answers")),
		ScrollKeys: common.ScrollKeys{
			Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
			Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
			PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
			PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/f", "page down")),
			HalfUp:   key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "½ page up")),
			HalfDown: key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d", "½ page down")),
		},
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Copy, k.Answer, k.CopySubject, k.CopyQuestions, k.Back}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Copy, k.CopySubject, k.CopyQuestions},
		{k.Answer},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown},
		{k.Back},
	}
}

// FormKeyMap is the footer while the answers form is open: huh moves
// between the questions itself; Stop is the screen's.
type FormKeyMap struct{ Next, Prev, NewLine, Stop, Editor key.Binding }

// DefaultFormKeys for the answers form.
func DefaultFormKeys() FormKeyMap {
	return FormKeyMap{
		Next:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next question")),
		Prev:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		NewLine: formscreen.NewLine,
		Stop:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop")),
		Editor:  formscreen.Editor,
	}
}

// ShortHelp is the footer.
func (k FormKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.NewLine, k.Stop}
}

// FullHelp is the ? overlay.
func (k FormKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp(), {k.Editor}} }

// discardKeys answer "Discard the answers you typed?".
var discardKeys = confirm.Keys("discard", "keep editing")
