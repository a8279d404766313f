package reframeview

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// keyMap is the flow's keys; huh handles the field keys itself (NewLine
// is the text areas', here for the help). text: a text area has the focus.
type keyMap struct {
	NextField, PrevField, NextStep, PrevStep, Leave, Quit, NewLine key.Binding
	// Back leaves while the No is loading or could not be read.
	Back key.Binding
	// StepDone and Finish are enter on a step's last field: it saves the
	// step and goes on to the next, or ends the reframe on the last step.
	StepDone, Finish key.Binding
	// SkipThought is the skip key inside the thought record: it leaves the
	// whole record for the last step. Toggle marks a thinking trap (huh's
	// list takes it; here for the help).
	SkipThought, Toggle key.Binding
	// Editor opens $EDITOR on the text area (formscreen).
	Editor key.Binding
	// text: a text area has the focus; last: the step's last field; final:
	// the last step; thought: a thought-record step; traps: the traps list.
	text, last, final, thought, traps bool
}

func newKeyMap() keyMap {
	return keyMap{
		NextField: key.NewBinding(key.WithKeys("tab", "enter"), key.WithHelp("tab/enter", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		NextStep:  key.NewBinding(key.WithKeys("ctrl+n", "pgdown"), key.WithHelp("ctrl+n", "skip step")),
		PrevStep:  key.NewBinding(key.WithKeys("ctrl+p", "pgup"), key.WithHelp("ctrl+p", "back a step")),
		// The line above the form says the draft can be picked up later.
		Leave:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "save draft")),
		Quit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "save draft & quit")),
		NewLine:  formscreen.NewLine,
		Editor:   formscreen.Editor,
		Back:     key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", "back")),
		StepDone: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next step")),
		Finish:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "finish")),
		// The same key as NextStep: in the thought record, skipping a step
		// skips the record (it is one optional minute, taken or not).
		SkipThought: key.NewBinding(key.WithKeys("ctrl+n", "pgdown"), key.WithHelp("ctrl+n", "skip thought record")),
		Toggle:      key.NewBinding(key.WithKeys("x", "space"), key.WithHelp("x", "mark a trap")),
	}
}

// ShortHelp is the footer, one line at 80 columns: in a text area the
// newline key takes the place of tab/enter; on a step's last field enter
// says where it goes (the next step, or the end).
func (k keyMap) ShortHelp() []key.Binding {
	first := k.NextField
	switch {
	case k.text:
		first = k.NewLine
	case k.last && k.final:
		first = k.Finish
	case k.last:
		first = k.StepDone
	}
	switch {
	case k.traps:
		return []key.Binding{k.Toggle, first, k.SkipThought, k.Leave}
	case k.thought:
		return []key.Binding{first, k.SkipThought, k.Leave}
	}
	return []key.Binding{first, k.NextStep, k.PrevStep, k.Leave}
}

// FullHelp is the ? view.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.NextField, k.PrevField, k.NewLine, k.Editor, k.Toggle}, {k.NextStep, k.SkipThought, k.PrevStep, k.Leave, k.Quit}}
}

// backKeys are the keys of a No that could not be read: only back.
type backKeys struct{ Back key.Binding }

func (k backKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Back} }
func (k backKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap {
	switch {
	case m.chooser != nil:
		return m.chooser.Help()
	case m.no == nil && m.loadErr != nil:
		return backKeys{m.keys.Back}
	}
	k := m.keys
	k.text = m.form.InTextArea()
	k.last, k.final = m.form.OnLastField(), m.step == numSteps
	k.thought, k.traps = inThoughtRecord(m.step), m.step == stepTraps
	return k
}
