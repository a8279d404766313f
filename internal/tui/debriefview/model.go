// Package debriefview is the debrief kit for one No: the request e-mail ("Can I
// ask a quick favor?") with both names filled in, copyable through OSC 52,
// and the five debrief questions, whose answers can be recorded on the No.
package debriefview

import (
	"fmt"
	"os"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/conflict"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
	"github.com/rebound-coach/rebound/internal/words"
)

// Store is what the debrief screen reads and writes (*store.Store is one).
type Store interface {
	GetNo(id uint64) (journal.No, error)
	SaveNo(base, edited journal.No, now time.Time) (journal.No, error)
}

// Model is the screen.
type Model struct {
	ctx    *common.Context
	db     Store
	id     uint64
	no     journal.No
	mode   *coach.Mode
	kit    coach.Kit
	loaded bool
	err    error
	vp     viewport.Model
	keys   KeyMap
	fkeys  FormKeyMap
	width  int
	height int
	// copied names what was last sent to the clipboard ("the e-mail"),
	// for the line under the kit; inTmux says tmux is in between.
	copied string
	inTmux bool

	// The answers form, when open; answers live on the heap so huh's
	// pointers survive and a failed save keeps every word.
	form    *formscreen.Model
	answers *[]string
	formErr string
	// chooser is open when the answers met a change made elsewhere.
	chooser *conflict.Model
}

type loadedMsg struct {
	no  journal.No
	err error
}

type savedMsg struct {
	no  journal.No
	err error
	// conflict: the answers were changed elsewhere too; nothing was saved.
	conflict *journal.ConflictError
}

// New opens the kit for No id.
func New(ctx *common.Context, db Store, id uint64) *Model {
	m := &Model{ctx: ctx, db: db, id: id, vp: viewport.New(), keys: DefaultKeys(), fkeys: DefaultFormKeys(),
		inTmux: os.Getenv("TMUX") != ""}
	m.form = formscreen.New(formscreen.Config{
		Styles:   ctx.Styles,
		Fields:   m.pages,
		Leave:    m.fkeys.Stop,
		Dirty:    m.dirty,
		Question: "Discard the answers you typed? y discards · any other key keeps editing",
		Keys:     discardKeys,
		Chrome:   chrome,
	})
	return m
}

// Init loads the No.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	st, id := m.db, m.id
	return func() tea.Msg {
		n, err := st.GetNo(id)
		return loadedMsg{n, err}
	}
}

// Title of the screen.
func (m *Model) Title() string {
	if m.loaded && m.err == nil {
		return "Debrief · " + textsafe.Truncate(m.no.Who, 30)
	}
	return "Debrief"
}

// Capturing while the answers form is open.
func (m *Model) Capturing() bool { return m.form.Active() || m.form.Asking() || m.chooser != nil }

// Loading until the first read is in: the root holds keys meanwhile.
func (m *Model) Loading() bool { return !m.loaded }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap {
	if m.chooser != nil {
		return m.chooser.Help()
	}
	if m.form.Active() {
		return m.form.Keys(m.fkeys)
	}
	return fitted{m.keys, m.width}
}

// fitted is the footer at the screen's width: the copy-a-part hints go
// first, so "esc back" is not cut off at 80 columns (? lists them).
type fitted struct {
	KeyMap
	width int
}

func (f fitted) ShortHelp() []key.Binding {
	return common.FitShortHelp(f.KeyMap.ShortHelp(), f.width, "s", "p")
}

// SetSize sizes the scrolling kit.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.vp.SetWidth(max(1, w))
	m.form.SetSize(w, h)
	m.render()
}

// Kit is what the screen shows (for tests).
func (m *Model) Kit() coach.Kit { return m.kit }

// Update handles loads, keys and the answers form.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if m.chooser != nil {
		switch msg := msg.(type) {
		case conflict.Resolved:
			m.chooser = nil
			return m, m.store(msg.Base, msg.No)
		case conflict.Cancelled:
			m.chooser = nil
			m.formErr = "Not saved yet: the answers were changed elsewhere; save again to choose what to keep."
			return m, m.form.Rebuild()
		case tea.KeyPressMsg:
			return m, m.chooser.Update(msg)
		case tea.WindowSizeMsg:
			m.width, m.height = msg.Width, msg.Height
			m.form.SetSize(msg.Width, msg.Height)
			m.chooser.SetWidth(msg.Width)
			return m, nil
		}
	}
	switch msg := msg.(type) {
	case loadedMsg:
		m.loaded, m.no, m.err = true, msg.no, msg.err
		if m.err == nil {
			m.mode = m.ctx.Mode()
			if md, err := m.ctx.Catalog.Mode(m.no.Mode); err == nil && m.no.Mode != "" {
				m.mode = md
			}
			m.kit = coach.NewKit(m.mode, m.no, m.ctx.Settings.Name)
		}
		m.render()
		return m, nil
	case savedMsg:
		if msg.conflict != nil {
			m.chooser = conflict.New(m.ctx.Styles, msg.conflict, m.width)
			return m, nil
		}
		if msg.err != nil {
			// Keep every answer: the form comes back over the same values.
			m.formErr = "Couldn't save (nothing you typed is lost): " + msg.err.Error()
			return m, m.form.Rebuild()
		}
		m.form.Close()
		m.no, m.formErr = msg.no, ""
		m.render()
		n := len(msg.no.Debrief)
		return m, common.Say(fmt.Sprintf("Saved %d debrief %s for %s.", n, words.Plural(n, "answer", "answers"), textsafe.Truncate(msg.no.Who, 30)))
	case common.DataChanged:
		if !m.form.Active() {
			return m, m.load()
		}
		return m, nil
	case tea.WindowSizeMsg:
		if m.form.Active() {
			m.width, m.height = msg.Width, msg.Height
			return m.formEvent(m.form.Update(msg))
		}
	case tea.KeyPressMsg:
		if m.form.Active() || m.form.Asking() {
			return m.formEvent(m.form.Update(msg))
		}
		return m.key(msg)
	}
	if m.form.Active() {
		return m.formEvent(m.form.Update(msg))
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

func (m *Model) key(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	k := m.keys
	if key.Matches(msg, k.Back) {
		return m, common.GoBack
	}
	if !m.loaded || m.err != nil {
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Copy):
		return m, m.copy(m.kit.Email(), "the e-mail")
	case key.Matches(msg, k.CopySubject):
		return m, m.copy(m.kit.Subject, "the subject line")
	case key.Matches(msg, k.CopyQuestions):
		return m, m.copy(m.kit.QuestionList(), "the debrief questions")
	case key.Matches(msg, k.Answer):
		return m, m.openForm()
	default:
		k.Scroll(&m.vp, msg)
	}
	return m, nil
}

// copy sends text to the clipboard with OSC 52 (tea.SetClipboard). A
// terminal never says whether it took it (tmux drops it by default), so
// the line under the kit says it was sent, not copied, and how to get the
// text another way.
func (m *Model) copy(text, what string) tea.Cmd {
	m.copied = what
	m.render()
	return tea.SetClipboard(text)
}

// copyNote is the line under the kit after c, s or p.
func (m *Model) copyNote() string {
	get := fmt.Sprintf("rebound debrief %d --print", m.id)
	if m.inTmux {
		return fmt.Sprintf("Sent %s to the clipboard, which tmux ignores unless its set-clipboard option is on. To get the text: %s", m.copied, get)
	}
	return fmt.Sprintf("Sent %s to the clipboard; some terminals ignore that. Nothing to paste? %s prints it.", m.copied, get)
}

// HelpKeyFree lets ? open the keys' help while the form's focused field
// takes no text.
func (m *Model) HelpKeyFree() bool { return m.form.HelpKeyFree() }
