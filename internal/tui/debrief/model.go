// Package debrief is the debrief kit for one No: the request e-mail ("Can I
// ask a quick favor?") with both names filled in, copyable through OSC 52,
// and the five debrief questions, whose answers can be recorded on the No.
package debrief

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/conflict"
)

// KeyMap is the debrief screen's keys.
type KeyMap struct {
	Copy, CopySubject, CopyQuestions, Answer, Up, Down, Back key.Binding
}

// DefaultKeys for the debrief screen.
func DefaultKeys() KeyMap {
	return KeyMap{
		Copy:          key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy e-mail")),
		CopySubject:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "copy subject")),
		CopyQuestions: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "copy questions")),
		Answer:        key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "record answers")),
		Up:            key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:          key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		Back:          key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Copy, k.Answer, k.CopySubject, k.CopyQuestions, k.Back}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Copy, k.CopySubject, k.CopyQuestions}, {k.Answer}, {k.Up, k.Down, k.Back}}
}

// Kit is the filled-in debrief kit for one No.
type Kit struct {
	Who       string   `json:"who"`
	Subject   string   `json:"subject"`
	Body      string   `json:"body"`
	Questions []string `json:"questions"`
}

// NewKit fills the mode's debrief e-mail for n (who) signed by name. Names
// are made inert first (no escape sequences reach a clipboard or a
// terminal) and inserted verbatim: quotes, emoji and "{{" are just text.
func NewKit(mode *coach.Mode, n journal.No, name string) Kit {
	subject, body := mode.DebriefEmail(textsafe.Inline(n.Who), textsafe.Inline(name))
	return Kit{Who: n.Who, Subject: subject, Body: body, Questions: mode.DebriefQuestions()}
}

// Email is the e-mail as copied: the subject line, a blank line, the body.
func (k Kit) Email() string { return "Subject: " + k.Subject + "\n\n" + k.Body }

// QuestionList is the questions numbered, one per line.
func (k Kit) QuestionList() string {
	var b strings.Builder
	for i, q := range k.Questions {
		fmt.Fprintf(&b, "%d. %s\n", i+1, q)
	}
	return strings.TrimRight(b.String(), "\n")
}

// Model is the screen.
type Model struct {
	ctx    *common.Context
	id     uint64
	no     journal.No
	mode   *coach.Mode
	kit    Kit
	loaded bool
	err    error
	vp     viewport.Model
	keys   KeyMap
	width  int
	height int
	// copied confirms the last copy on screen.
	copied string

	// The answers form, when open; answers live on the heap so huh's
	// pointers survive and a failed save keeps every word.
	form    *huh.Form
	answers *[]string
	confirm bool // asking whether to discard typed answers
	formErr string
	saving  bool
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
func New(ctx *common.Context, id uint64) *Model {
	return &Model{ctx: ctx, id: id, vp: viewport.New(), keys: DefaultKeys()}
}

// Init loads the No.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	st, id := m.ctx.Store, m.id
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
func (m *Model) Capturing() bool { return m.form != nil || m.confirm || m.chooser != nil }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap {
	if m.chooser != nil {
		return m.chooser.Help()
	}
	if m.form != nil {
		return formKeys{}
	}
	return m.keys
}

// SetSize sizes the scrolling kit.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.vp.SetWidth(max(1, w))
	m.vp.SetHeight(max(1, h-1))
	m.render()
}

// Kit is what the screen shows (for tests).
func (m *Model) Kit() Kit { return m.kit }

// Update handles loads, keys and the answers form.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if m.chooser != nil {
		switch msg := msg.(type) {
		case conflict.Resolved:
			m.chooser = nil
			return m, m.store(msg.Base, msg.No)
		case conflict.Cancelled:
			m.chooser = nil
			m.saving = false
			m.formErr = "Not saved yet: the answers were changed elsewhere; save again to choose what to keep."
			m.form = m.buildForm()
			return m, tea.Batch(m.form.Init(), m.resize())
		case tea.KeyPressMsg:
			return m, m.chooser.Update(msg)
		case tea.WindowSizeMsg:
			m.width, m.height = msg.Width, msg.Height
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
			m.kit = NewKit(m.mode, m.no, m.ctx.Settings.Name)
		}
		m.render()
		return m, nil
	case savedMsg:
		if msg.conflict != nil {
			m.chooser = conflict.New(m.ctx.Styles, msg.conflict, m.width)
			return m, nil
		}
		m.saving = false
		if msg.err != nil {
			// Keep every answer: rebuild the form over the same values.
			m.formErr = "Couldn't save (nothing you typed is lost): " + msg.err.Error()
			m.form = m.buildForm()
			return m, tea.Batch(m.form.Init(), m.resize())
		}
		m.no, m.form, m.formErr = msg.no, nil, ""
		m.render()
		n := len(msg.no.Debrief)
		return m, common.Say(fmt.Sprintf("Saved %d debrief %s for %s.", n, plural(n, "answer", "answers"), textsafe.Truncate(msg.no.Who, 30)))
	case common.DataChanged:
		if m.form == nil {
			return m, m.load()
		}
		return m, nil
	case tea.WindowSizeMsg:
		if m.form != nil {
			return m, m.forwardSize(msg)
		}
	case tea.KeyPressMsg:
		if m.form != nil || m.confirm {
			return m.formKey(msg)
		}
		return m.key(msg)
	}
	if m.form != nil {
		return m.updateForm(msg)
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
		return m, m.copy(m.kit.Email(), "Copied the e-mail to the clipboard.")
	case key.Matches(msg, k.CopySubject):
		return m, m.copy(m.kit.Subject, "Copied the subject line to the clipboard.")
	case key.Matches(msg, k.CopyQuestions):
		return m, m.copy(m.kit.QuestionList(), "Copied the debrief questions to the clipboard.")
	case key.Matches(msg, k.Answer):
		m.openForm()
		return m, tea.Batch(m.form.Init(), m.resize())
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

// copy puts text on the clipboard with OSC 52 (tea.SetClipboard) and says so.
func (m *Model) copy(text, done string) tea.Cmd {
	m.copied = done
	m.render()
	return tea.Batch(tea.SetClipboard(text), common.Say(done))
}

func (m *Model) openForm() {
	qs := m.kit.Questions
	vals := make([]string, len(qs))
	for i, q := range qs {
		vals[i] = answerTo(m.no.Debrief, q)
	}
	m.answers = &vals
	m.copied = ""
	m.formErr = ""
	m.form = m.buildForm()
}

// answerTo is the recorded answer to question q ("" when none).
func answerTo(as []journal.Answer, q string) string {
	for _, a := range as {
		if a.Prompt == q {
			return a.Answer
		}
	}
	return ""
}

func inQuestions(qs []string, p string) bool {
	for _, q := range qs {
		if q == p {
			return true
		}
	}
	return false
}

func (m *Model) buildForm() *huh.Form {
	fields := m.fields()
	groups := make([]*huh.Group, len(fields))
	for i, f := range fields {
		groups[i] = huh.NewGroup(f)
	}
	return huh.NewForm(groups...).
		WithShowHelp(false).
		WithShowErrors(false).
		WithTheme(common.FormTheme(m.ctx.Styles)).
		WithAccessible(false)
}

// fields are one text field per question, over m.answers.
func (m *Model) fields() []huh.Field {
	qs := m.kit.Questions
	out := make([]huh.Field, len(qs))
	for i, q := range qs {
		out[i] = huh.NewText().
			Title(q).
			Description(answerHint(i, len(qs))).
			Lines(5).CharLimit(journal.MaxField).
			Value(&(*m.answers)[i])
	}
	return out
}

func answerHint(i, n int) string {
	return fmt.Sprintf("Question %d of %d — what did they say? Leave it empty if you didn't ask.", i+1, n)
}

// chrome is the lines the screen draws above the form.
const chrome = 3

func (m *Model) resize() tea.Cmd {
	w, h := m.width, m.height
	return func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} }
}

func (m *Model) forwardSize(msg tea.WindowSizeMsg) tea.Cmd {
	m.width, m.height = msg.Width, msg.Height
	msg.Height = max(4, msg.Height-chrome)
	fm, cmd := m.form.Update(msg)
	m.form = fm.(*huh.Form)
	return cmd
}

func (m *Model) dirty() bool {
	if m.answers == nil {
		return false
	}
	for i, v := range *m.answers {
		if strings.TrimSpace(v) != strings.TrimSpace(answerTo(m.no.Debrief, m.kit.Questions[i])) {
			return true
		}
	}
	return false
}

func (m *Model) formKey(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	if m.confirm {
		m.confirm = false
		if msg.String() == "y" || msg.String() == "Y" {
			m.form, m.answers = nil, nil
			return m, common.Say("Left the answers as they were.")
		}
		return m, nil
	}
	if msg.String() == "esc" {
		if m.dirty() {
			m.confirm = true
			return m, nil
		}
		m.form = nil
		return m, nil
	}
	return m.updateForm(msg)
}

func (m *Model) updateForm(msg tea.Msg) (common.Screen, tea.Cmd) {
	if m.saving {
		return m, nil
	}
	fm, cmd := m.form.Update(msg)
	m.form = fm.(*huh.Form)
	switch m.form.State {
	case huh.StateCompleted:
		m.saving = true
		return m, tea.Batch(cmd, m.save())
	case huh.StateAborted:
		if m.dirty() {
			m.confirm = true
			m.form = m.buildForm()
			return m, tea.Batch(m.form.Init(), m.resize())
		}
		m.form = nil
		return m, nil
	}
	return m, cmd
}

// Answers turns the typed values into the No's debrief answers (empty ones left out).
func Answers(questions, values []string) []journal.Answer {
	var out []journal.Answer
	for i, q := range questions {
		if i < len(values) && strings.TrimSpace(values[i]) != "" {
			out = append(out, journal.Answer{Prompt: q, Answer: strings.TrimSpace(values[i])})
		}
	}
	return out
}

func (m *Model) save() tea.Cmd {
	n := m.no
	answers := Answers(m.kit.Questions, *m.answers)
	// Keep answers to questions this mode no longer asks.
	for _, a := range m.no.Debrief {
		if !inQuestions(m.kit.Questions, a.Prompt) {
			answers = append(answers, a)
		}
	}
	n.Debrief = answers
	return m.store(m.no, n)
}

// store saves n over base (the No as the screen loaded it): a change made
// elsewhere to other fields survives, and answers changed on both sides come
// back as a conflict to choose from.
func (m *Model) store(base, n journal.No) tea.Cmd {
	st, now := m.ctx.Store, m.ctx.Now()
	return func() tea.Msg {
		saved, err := st.SaveNo(base, n, now)
		var c *journal.ConflictError
		if errors.As(err, &c) {
			return savedMsg{conflict: c}
		}
		return savedMsg{no: saved, err: err}
	}
}

func (m *Model) render() {
	if !m.loaded || m.err != nil {
		return
	}
	m.vp.SetContent(m.kitView(max(20, m.width)))
}

func (m *Model) kitView(width int) string {
	st := m.ctx.Styles
	k := m.kit
	ww := max(10, width-1)
	var b strings.Builder
	b.WriteString(st.Subtitle.Render("The e-mail") + st.Muted.Render("  c copies it") + "\n")
	b.WriteString(st.Label.Render("Subject: ") + st.Value.Render(k.Subject) + "\n\n")
	b.WriteString(st.Text.Width(ww).Render(textsafe.Block(k.Body)) + "\n")
	if strings.TrimSpace(m.ctx.Settings.Name) == "" {
		b.WriteString(st.Warn.Width(ww).Render("No name in your settings yet, so the e-mail is signed "+coach.NoName+": replace it before sending.") + "\n")
	}
	b.WriteString("\n" + st.Subtitle.Render("Questions for the call") + st.Muted.Render("  a records their answers") + "\n")
	for i, q := range k.Questions {
		b.WriteString(st.Text.Width(ww).Render(fmt.Sprintf("%d. %s", i+1, q)) + "\n")
		if a := answerTo(m.no.Debrief, q); strings.TrimSpace(a) != "" {
			b.WriteString(st.Value.PaddingLeft(3).Width(ww).Render("↳ "+textsafe.Block(a)) + "\n")
		}
	}
	// Answers recorded under questions the mode no longer asks.
	for _, a := range m.no.Debrief {
		if !inQuestions(k.Questions, a.Prompt) {
			b.WriteString(st.Value.Width(ww).Render(textsafe.Inline(a.Prompt)+" — "+textsafe.Block(a.Answer)) + "\n")
		}
	}
	return b.String()
}

// View draws the kit, or the answers form.
func (m *Model) View() string {
	st := m.ctx.Styles
	if m.err != nil {
		return st.Error.Render(m.err.Error()) + "\n" + st.Muted.Render("esc goes back")
	}
	if !m.loaded {
		return st.Muted.Render("Loading…")
	}
	if m.chooser != nil {
		return m.chooser.View()
	}
	if m.form != nil || m.confirm {
		var b strings.Builder
		switch {
		case m.confirm:
			b.WriteString(st.Warn.Render("Discard the answers you typed? y discards · any other key keeps editing"))
		case m.formErr != "":
			b.WriteString(st.Error.Render(textsafe.Truncate(m.formErr, max(20, m.width))))
		default:
			b.WriteString(st.Title.Render(textsafe.Truncate("Debrief answers from "+textsafe.Inline(m.no.Who), max(20, m.width))))
		}
		b.WriteString("\n" + st.Muted.Render("enter: next question · alt+enter: new line · esc: stop") + "\n\n")
		if m.form != nil {
			b.WriteString(m.form.View())
		}
		return b.String()
	}
	foot := st.Muted.Render(fmt.Sprintf("%d%% · ↑/↓ scroll", int(m.vp.ScrollPercent()*100)))
	if m.copied != "" {
		foot = st.Good.Render("✓ "+m.copied) + st.Muted.Render(cut(fmt.Sprintf(" Nothing pasted? Your terminal may block OSC 52: rebound debrief %d --print", m.id), max(0, m.width-lipgloss.Width(m.copied)-2)))
	}
	return m.vp.View() + "\n" + foot
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// formKeys are the footer while the answers form is open.
type formKeys struct{}

func (formKeys) ShortHelp() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next question")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		key.NewBinding(key.WithKeys("alt+enter"), key.WithHelp("alt+enter", "new line")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop")),
	}
}

func (k formKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// cut shortens text that is already safe (built from textsafe parts)
// without collapsing its spacing, as textsafe.Truncate would.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, textsafe.Ellipsis)
}
