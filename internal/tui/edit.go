package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/logform"
)

// editLoader reads the No, then becomes the edit form.
type editLoader struct {
	ctx  *common.Context
	id   uint64
	form *logform.Model
	err  error
	w, h int
}

type editLoaded struct {
	no  journal.No
	err error
}

func newEditLoader(ctx *common.Context, id uint64) *editLoader { return &editLoader{ctx: ctx, id: id} }

func (e *editLoader) Init() tea.Cmd {
	st, id := e.ctx.Store, e.id
	return func() tea.Msg { n, err := st.GetNo(id); return editLoaded{n, err} }
}

func (e *editLoader) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if l, ok := msg.(editLoaded); ok {
		if l.err != nil {
			e.err = l.err
			return e, nil
		}
		e.form = logform.Edit(e.ctx, l.no)
		e.form.SetSize(e.w, e.h)
		w, h := e.w, e.h
		return e.form, tea.Batch(e.form.Init(), func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" {
		return e, common.GoBack
	}
	return e, nil
}

func (e *editLoader) View() string {
	if e.err != nil {
		return e.ctx.Styles.Error.Render(e.err.Error())
	}
	return e.ctx.Styles.Muted.Render("Loading…")
}
func (e *editLoader) SetSize(w, h int)  { e.w, e.h = w, h }
func (e *editLoader) Title() string     { return "Edit" }
func (e *editLoader) Capturing() bool   { return false }
func (e *editLoader) Keys() help.KeyMap { return noKeys{} }

type noKeys struct{}

func (noKeys) ShortHelp() []key.Binding  { return nil }
func (noKeys) FullHelp() [][]key.Binding { return nil }
