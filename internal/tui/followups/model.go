// Package followups is the Follow-ups screen (placeholder until its issue lands).
package followups

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Model is the screen.
type Model struct{ ctx *common.Context }

// New builds the screen: New(ctx *common.Context)
func New(ctx *common.Context) *Model { return &Model{ctx: ctx} }

func (m *Model) Init() tea.Cmd                               { return nil }
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) { return m, nil }
func (m *Model) View() string                                { return "Follow-ups: not built yet." }
func (m *Model) SetSize(w, h int)                            {}
func (m *Model) Title() string                               { return "Follow-ups" }
func (m *Model) Capturing() bool                             { return false }
func (m *Model) Keys() help.KeyMap                           { return keys{} }

type keys struct{}

func (keys) ShortHelp() []key.Binding  { return nil }
func (keys) FullHelp() [][]key.Binding { return nil }
