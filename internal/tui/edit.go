package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/logview"
)

// editStore is what the edit screen reads, and the form writes.
type editStore interface {
	GetNo(id uint64) (journal.No, error)
	logview.Store
}

// editLoader reads the No, then becomes the edit form.
type editLoader struct {
	ctx  *common.Context
	db   editStore
	keys loaderKeys
	id   uint64
	form *logview.Model
	err  error
	w, h int
}

type editLoaded struct {
	no  journal.No
	err error
}

func newEditLoader(ctx *common.Context, db editStore, id uint64) *editLoader {
	return &editLoader{ctx: ctx, db: db, keys: newLoaderKeys(), id: id}
}

func (e *editLoader) Init() tea.Cmd {
	st, id := e.db, e.id
	return func() tea.Msg { n, err := st.GetNo(id); return editLoaded{n, err} }
}

func (e *editLoader) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if l, ok := msg.(editLoaded); ok {
		if l.err != nil {
			e.err = l.err
			return e, nil
		}
		// The form is laid out in SetSize; a WindowSizeMsg command here
		// would reach the root, which takes it for the terminal's size.
		e.form = logview.Edit(e.ctx, e.db, l.no)
		e.form.SetSize(e.w, e.h)
		return e.form, e.form.Init()
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, e.keys.Back) {
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
func (e *editLoader) Keys() help.KeyMap { return e.keys }
