package tuitest

import (
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/tui/common"
)

// ScreenModel runs one screen as a whole program for Flow, playing the
// root's part: the size goes to SetSize and then to the screen, a Status is
// kept and shown under the screen (the root's footer), and Back ends the
// program (the root quits when its only screen goes back).
type ScreenModel struct {
	s          common.Screen
	awaitState bool
	status     atomic.Pointer[string]
	back       atomic.Bool
}

// Screen wraps s for Flow.
func Screen(s common.Screen) *ScreenModel { return &ScreenModel{s: s} }

// AwaitStatus makes Back end the program only once a Status has arrived
// too: a screen batches its status with going back, and the two arrive in
// either order.
func (h *ScreenModel) AwaitStatus() *ScreenModel {
	h.awaitState = true
	return h
}

// Status is the last status the screen said ("" if none); safe to read
// while the program runs.
func (h *ScreenModel) Status() string {
	if s := h.status.Load(); s != nil {
		return *s
	}
	return ""
}

// WentBack reports whether the screen asked to go back.
func (h *ScreenModel) WentBack() bool { return h.back.Load() }

func (h *ScreenModel) Init() tea.Cmd { return h.s.Init() }

func (h *ScreenModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case common.Status:
		t := msg.Text
		h.status.Store(&t)
	case common.Back:
		h.back.Store(true)
	case tea.WindowSizeMsg:
		h.s.SetSize(msg.Width, msg.Height)
		h.s, cmd = h.s.Update(msg)
	default:
		h.s, cmd = h.s.Update(msg)
	}
	if h.back.Load() && (!h.awaitState || h.status.Load() != nil) {
		return h, tea.Quit
	}
	return h, cmd
}

func (h *ScreenModel) View() tea.View {
	v := h.s.View()
	if s := h.Status(); s != "" {
		v += "\n" + s
	}
	return tea.NewView(v)
}
