// Package conflict is the chooser a screen shows when the No it saves was
// changed elsewhere (another terminal, a script) in a field the user changed
// too. It shows both values of each such field and lets the user keep
// theirs, the other, or (for prose) both; nothing the user typed is dropped
// until they choose, and esc goes back to their screen with everything kept.
package conflict

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// KeyMap is the chooser's keys.
type KeyMap struct {
	Mine, Theirs, Both, Back key.Binding
}

// Keys are the chooser's key bindings.
var Keys = KeyMap{
	Mine:   key.NewBinding(key.WithKeys("m", "1"), key.WithHelp("m", "keep yours")),
	Theirs: key.NewBinding(key.WithKeys("o", "2"), key.WithHelp("o", "keep the other")),
	Both:   key.NewBinding(key.WithKeys("b", "3"), key.WithHelp("b", "keep both")),
	Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to editing")),
}

// ShortHelp is the footer's list.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Mine, k.Theirs, k.Both, k.Back} }

// FullHelp is the same keys in one column.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Resolved is sent when every conflict has a choice: save No, loaded as Base.
type Resolved struct {
	No   journal.No
	Base journal.No
}

// Cancelled is sent when the user goes back to their screen without choosing.
type Cancelled struct{}

// Model walks the conflicts one at a time.
type Model struct {
	styles *common.Styles
	c      *journal.ConflictError
	at     int
	result journal.No
	width  int
}

// New starts the chooser for c.
func New(styles *common.Styles, c *journal.ConflictError, width int) *Model {
	return &Model{styles: styles, c: c, result: c.Merged, width: width}
}

// SetWidth follows the screen's width.
func (m *Model) SetWidth(w int) { m.width = w }

// Update takes a key and, once every field is chosen, returns Resolved.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || m.at >= len(m.c.Conflicts) {
		return nil
	}
	cur := m.c.Conflicts[m.at]
	choice := ""
	switch {
	case key.Matches(k, Keys.Back):
		return func() tea.Msg { return Cancelled{} }
	case key.Matches(k, Keys.Mine):
		choice = "mine"
	case key.Matches(k, Keys.Theirs):
		choice = "theirs"
	case key.Matches(k, Keys.Both) && cur.Text:
		choice = "both"
	default:
		return nil
	}
	if err := journal.Resolve(&m.result, cur, m.c.Stored, choice); err != nil {
		return common.Fail(err)
	}
	m.at++
	if m.at < len(m.c.Conflicts) {
		return nil
	}
	res := Resolved{No: m.result, Base: m.c.Stored}
	return func() tea.Msg { return res }
}

// View shows the current field's two values.
func (m *Model) View() string {
	st := m.styles
	if m.at >= len(m.c.Conflicts) {
		return st.Muted.Render("Saving…")
	}
	cur := m.c.Conflicts[m.at]
	w := max(20, m.width)
	var b strings.Builder
	head := "This No was changed elsewhere while you edited it."
	if n := len(m.c.Conflicts); n > 1 {
		head += fmt.Sprintf(" (%d of %d)", m.at+1, n)
	}
	b.WriteString(st.Warn.Render(textsafe.Truncate(head, w)) + "\n\n")
	b.WriteString(st.Title.Render(textsafe.Truncate(capital(cur.Label), w)) + "\n")
	value := func(label, v string) {
		b.WriteString(st.Label.Render(label) + "\n")
		if strings.TrimSpace(v) == "" {
			b.WriteString("  " + st.Faint.Render("(empty)") + "\n")
			return
		}
		lines := strings.Split(textsafe.Block(v), "\n")
		if len(lines) > 4 {
			lines = append(lines[:4], "…")
		}
		for _, l := range lines {
			b.WriteString("  " + st.Text.Render(textsafe.Truncate(l, w-2)) + "\n")
		}
	}
	value("Yours", cur.Mine)
	value("Saved elsewhere", cur.Theirs)
	b.WriteString("\n")
	keys := []string{"m keep yours", "o keep the other"}
	if cur.Text {
		keys = append(keys, "b keep both")
	}
	keys = append(keys, "esc back to editing")
	b.WriteString(st.Muted.Render(textsafe.Truncate(strings.Join(keys, " · "), w)))
	return b.String()
}

// Help is the chooser's key map, for the screen's footer: "keep both"
// only where the field on screen is text.
func (m *Model) Help() help.KeyMap {
	if m.at < len(m.c.Conflicts) && m.c.Conflicts[m.at].Text {
		return Keys
	}
	return noBoth{Keys}
}

// noBoth is the key map without "keep both" (ids, names, dates, lists).
type noBoth struct{ KeyMap }

func (k noBoth) ShortHelp() []key.Binding  { return []key.Binding{k.Mine, k.Theirs, k.Back} }
func (k noBoth) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
