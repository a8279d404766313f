// Package formscreen is the life of a huh form inside a screen, written
// once for every screen that has one (log/edit, settings, reflection,
// reframe, debrief answers). The screen owns its values (on the heap, so
// huh's pointers survive) and what saving means; this package builds the
// form with the app's options, forwards messages and sizes to it, watches
// form.State, asks before typed text is thrown away, and rebuilds the form
// over the same values after a failed save.
package formscreen

import (
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// NewLine is the one key that starts a new line in a text area, on every
// form. ctrl+j reaches the app in every terminal and through tmux; huh
// also takes alt+enter, which some terminals keep for themselves, so the
// help shows ctrl+j alone.
var NewLine = key.NewBinding(key.WithKeys("ctrl+j", "alt+enter"), key.WithHelp("ctrl+j", "new line"))

// NewLineHint says the same in a text area's description.
const NewLineHint = "ctrl+j adds a line"

// Editor opens $EDITOR on the focused text area (editor.go).
var Editor = key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "open $EDITOR"))

// newForm is a form with the options every screen uses: no huh help (the
// root's footer shows the keys), errors drawn by the screen above the form
// (huh puts them in the group footer, cut off when the form is taller than
// the screen), the app's theme and newline key, and never huh's own
// accessible mode.
func newForm(s *common.Styles, groups ...*huh.Group) *huh.Form {
	km := huh.NewDefaultKeyMap()
	km.Text.NewLine = NewLine
	return huh.NewForm(groups...).
		WithShowHelp(false).
		WithShowErrors(false).
		WithTheme(common.FormTheme(s)).
		WithKeyMap(km).
		WithAccessible(false)
}

// Event is what a message did that the screen must act on.
type Event int

const (
	// None: the form (or the question) took the message.
	None Event = iota
	// Submitted: the form is complete; the screen saves. Keys wait until
	// Rebuild (a failed save) or Open (the next form).
	Submitted
	// Left: the user leaves (esc, ctrl+c) with nothing typed to lose.
	Left
	// Discarded: the user said yes to throwing away what they typed.
	Discarded
	// Quit: ctrl+c with nothing typed to lose, or yes to losing it: the
	// screen quits the app.
	Quit
)

// Config is what differs between the screens' forms.
type Config struct {
	Styles *common.Styles
	// Fields are fresh fields over the screen's values, in groups (a group
	// is one page of the form).
	Fields func() [][]huh.Field
	// Leave is the key that leaves the form (esc), from the screen's KeyMap.
	Leave key.Binding
	// Dirty reports typed text that leaving would lose; nil never asks.
	Dirty func() bool
	// Question is asked before leaving a dirty form, with the confirm keys'
	// help ("Discard what you typed? y discards · any other key keeps editing").
	Question string
	Keys     confirm.KeyMap
	// Chrome is the lines the screen draws above the form; Height, when
	// set, computes the form's height from the body's instead.
	Chrome int
	Height func(h int) int
}

// Model is one screen's form. Form is nil until Open and after Close.
type Model struct {
	cfg    Config
	form   *huh.Form
	fields [][]huh.Field // the form's, to find the focused one
	ask    confirm.Model
	// quitting: the open question came from ctrl+c, so yes quits the app.
	quitting      bool
	saving        bool
	width, height int
	// laidOut is the body size the form was laid out for (zero: not yet),
	// and viewH the lines huh gave the form at that size.
	laidOut [2]int
	viewH   int
	// moving: a key handed to the form asked huh to move the focus (see
	// Settling); moveFrom is the field it leaves, moveAt when, moveGen
	// numbers the moves so a late settleMsg of an earlier one is ignored.
	moving   bool
	moveFrom huh.Field
	moveAt   time.Time
	moveGen  int
	// editorErr says why ctrl+e opened no editor (until the next key).
	editorErr string
}

// SettleMax is the longest the keys after a focus move wait for it (see
// Settling): a move that never comes (a group that will not let go) must
// not hold the keyboard.
const SettleMax = 150 * time.Millisecond

// settleMsg ends move gen's wait when its message has not come by SettleMax.
type settleMsg struct{ gen int }

// quitKeys answer "Quit and lose what you typed?" (ctrl+c in a form).
var quitKeys = sync.OnceValue(func() confirm.KeyMap { return confirm.Keys("quit, lose what you typed", "keep editing") })

// quitQuestion is asked when ctrl+c would throw typed text away.
const quitQuestion = "Quit Rebound and lose what you typed? y quits · any other key keeps editing"

// New prepares the form's life; nothing is built until Open.
func New(cfg Config) *Model { return &Model{cfg: cfg, ask: confirm.New(cfg.Keys)} }

// Open builds a fresh form (the values stay), sized to the body when the
// size is known, and returns its Init. Any question is dropped.
func (f *Model) Open() tea.Cmd {
	f.build()
	f.saving, f.moving = false, false
	f.ask.Close()
	f.laidOut = [2]int{}
	init := f.form.Init()
	return tea.Batch(init, f.layout())
}

// Rebuild is Open after a failed save: the form comes back with every
// value the user typed (a completed huh form takes no more keys).
func (f *Model) Rebuild() tea.Cmd { return f.Open() }

// Close removes the form (the screen shows something else).
func (f *Model) Close() {
	f.form, f.saving, f.moving = nil, false, false
	f.ask.Close()
}

// Form is the form on screen (nil: none), for its View, Errors and focus.
func (f *Model) Form() *huh.Form { return f.form }

// Active reports a form on screen.
func (f *Model) Active() bool { return f.form != nil }

// Asking reports the discard question waiting for y or another key.
func (f *Model) Asking() bool { return f.ask.Open() }

// Saving reports a save on its way (keys wait).
func (f *Model) Saving() bool { return f.saving }

// SetSaving marks a save started or finished by the screen itself (the
// welcome saves its defaults when skipped).
func (f *Model) SetSaving(b bool) { f.saving = b }

// SetSize records the body size and lays out a form not laid out yet; a
// form laid out for another size follows with the WindowSizeMsg the root
// sends after SetSize (rebuilding it gives commands only Update returns).
func (f *Model) SetSize(w, h int) {
	f.width, f.height = w, h
	if f.laidOut == ([2]int{}) {
		f.layout()
	}
}

// layout sizes the form to the body below the chrome. huh only ever
// shrinks its fields, so when the size changes the form is rebuilt over
// the same values, with the same field focused.
func (f *Model) layout() tea.Cmd {
	if f.form == nil || f.width == 0 || f.form.State != huh.StateNormal {
		return nil
	}
	h := max(3, f.height-f.cfg.Chrome)
	if f.cfg.Height != nil {
		h = f.cfg.Height(f.height)
	}
	size := [2]int{f.width, h}
	if size == f.laidOut {
		return nil
	}
	var cmds []tea.Cmd
	if f.laidOut != ([2]int{}) {
		cmds = f.rebuild()
	}
	f.laidOut = size
	_, cmd := f.form.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
	// huh sizes the form once per size: its tallest page, at most h.
	f.viewH = lipgloss.Height(f.form.View())
	return tea.Batch(append(cmds, cmd)...)
}

func (f *Model) build() {
	f.fields = f.cfg.Fields()
	groups := make([]*huh.Group, len(f.fields))
	for i, g := range f.fields {
		groups[i] = huh.NewGroup(g...)
	}
	f.form = newForm(f.cfg.Styles, groups...)
}

// rebuild replaces the form by a fresh one over the same values and moves
// the focus back to the field that had it: as many groups on, then as
// many fields (never past a group's last field, whose move to the next
// group would be a command run later, or the form's, which would submit).
func (f *Model) rebuild() []tea.Cmd {
	at := f.form.GetFocusedField()
	group, field := 0, 0
	for g, fs := range f.fields {
		for i, x := range fs {
			if x == at {
				group, field = g, i
			}
		}
	}
	f.build()
	cmds := []tea.Cmd{f.form.Init()}
	for range group {
		cmds = append(cmds, f.form.NextGroup())
	}
	for range field {
		cmds = append(cmds, f.form.NextField())
	}
	return cmds
}

// Update takes a message for the form: sizes, keys (the question's first),
// and the rest. It reports what the screen must do.
func (f *Model) Update(msg tea.Msg) (Event, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.width, f.height = msg.Width, msg.Height
		return None, f.layout()
	case tea.KeyPressMsg:
		if f.ask.Open() {
			if f.ask.Answer(msg) {
				if f.quitting {
					return Quit, nil
				}
				return Discarded, nil
			}
			return None, nil
		}
		if f.form == nil || f.saving {
			return None, nil
		}
		f.editorErr = ""
		if key.Matches(msg, Editor) {
			if t, ok := f.form.GetFocusedField().(*huh.Text); ok {
				return None, f.openEditor(t, msg)
			}
		}
		// esc in a filtering select clears the filter: it is the field's.
		if key.Matches(msg, f.cfg.Leave) && !f.filtering() {
			return f.Leave(), nil
		}
	}
	if s, ok := msg.(settleMsg); ok {
		if s.gen == f.moveGen {
			f.moving = false
		}
		return None, nil
	}
	if f.form == nil || f.saving {
		return None, nil
	}
	k, isKey := msg.(tea.KeyPressMsg)
	var from huh.Field
	if isKey {
		// A key is handed over only once the last move is over (or its
		// wait ran out): it is typed into the field that has the focus now.
		f.moving = false
		if f.moves(k) {
			from = f.form.GetFocusedField()
		}
	}
	_, cmd := f.form.Update(msg)
	if f.moving && (f.form.GetFocusedField() != f.moveFrom || f.form.State != huh.StateNormal) {
		f.moving = false // huh's focus message has been handled
	}
	switch f.form.State {
	case huh.StateCompleted:
		f.saving = true
		return Submitted, cmd
	case huh.StateAborted:
		// ctrl+c: an aborted form takes no more keys, so a fresh one over
		// the same values stays behind the question.
		init := f.Open()
		return f.QuitApp(), tea.Batch(cmd, init)
	}
	// The field refused to let go (its value did not validate): no move.
	if from != nil && cmd != nil && from.Error() == nil {
		f.moving, f.moveFrom, f.moveAt = true, from, time.Now()
		f.moveGen++
		gen := f.moveGen
		cmd = tea.Batch(cmd, tea.Tick(SettleMax, func(time.Time) tea.Msg { return settleMsg{gen} }))
	}
	f.clearFilters()
	return None, cmd
}

// Settling reports a focus move on its way: huh moves the focus to the
// next field (enter, tab), the previous one (shift+tab), the next page or
// to the end with a command, whose message Bubble Tea delivers after any
// key already typed. A key typed now would reach the field being left (a
// Down typed right after enter would stay in the text field instead of
// moving the list below it), so the root holds the keys until the form has
// handled that message, at most SettleMax. Typing text never starts one.
func (f *Model) Settling() bool {
	return f.moving && f.form != nil && time.Since(f.moveAt) < SettleMax
}

// moves reports a key that asks the focused field to hand the focus on,
// by huh's keymap for that kind of field (newForm's keymap differs from
// the default only in the newline key, which moves nothing).
func (f *Model) moves(k tea.KeyPressMsg) bool {
	at := f.form.GetFocusedField()
	km := moveKeys()
	var next, prev []key.Binding
	switch at.(type) {
	case *huh.Input:
		next, prev = []key.Binding{km.Input.Next, km.Input.Submit}, []key.Binding{km.Input.Prev}
	case *huh.Text:
		next, prev = []key.Binding{km.Text.Next, km.Text.Submit}, []key.Binding{km.Text.Prev}
	case *huh.Confirm:
		next, prev = []key.Binding{km.Confirm.Next, km.Confirm.Submit, km.Confirm.Accept, km.Confirm.Reject}, []key.Binding{km.Confirm.Prev}
	case *huh.Note:
		return true // a note hands the focus on at any key
	default: // selects and multi-selects, of any type
		next = []key.Binding{km.Select.Next, km.Select.Submit, km.MultiSelect.Next, km.MultiSelect.Submit}
		prev = []key.Binding{km.Select.Prev, km.MultiSelect.Prev}
	}
	if key.Matches(k, next...) {
		return true
	}
	// Back from the form's first field goes nowhere.
	first := len(f.fields) > 0 && len(f.fields[0]) > 0 && f.fields[0][0] == at
	return !first && key.Matches(k, prev...)
}

// moveKeys is huh's keymap, read for the keys that move the focus (made
// when a form first needs it: every process start would pay for it).
var moveKeys = sync.OnceValue(huh.NewDefaultKeyMap)

// Leave is the user asking to go (esc, or a screen's own leave key): with
// typed text at stake the question opens (None), else Left.
func (f *Model) Leave() Event { return f.leave(false) }

// QuitApp is ctrl+c: with typed text at stake the question opens (None)
// and its yes is Quit; else Quit at once. It quits the app, not only the
// form, wherever the form was opened from.
func (f *Model) QuitApp() Event { return f.leave(true) }

func (f *Model) leave(quit bool) Event {
	f.quitting = quit
	if f.cfg.Dirty != nil && f.cfg.Dirty() {
		if quit {
			f.ask = confirm.New(quitKeys())
			f.ask.Ask(quitQuestion)
		} else {
			f.ask = confirm.New(f.cfg.Keys)
			f.ask.Ask(f.cfg.Question)
		}
		return None
	}
	if quit {
		return Quit
	}
	return Left
}

// HelpKeyFree reports whether ? can open the keys' help instead of reaching
// the form: a form is on screen, no question is asked, nothing is saving,
// and the focused field takes no text (a select not filtering, a yes/no).
// In a text field ? is a question mark.
func (f *Model) HelpKeyFree() bool {
	if f.form == nil || f.ask.Open() || f.saving || f.filtering() {
		return false
	}
	switch f.form.GetFocusedField().(type) {
	case *huh.Input, *huh.Text:
		return false
	}
	return true
}

// filtering reports whether the focused select is filtering.
func (f *Model) filtering() bool {
	if f.form == nil {
		return false
	}
	s, ok := f.form.GetFocusedField().(interface{ GetFiltering() bool })
	return ok && s.GetFiltering()
}

// clearFilters empties the filter of every select that has lost the
// focus with one typed. huh keeps it, and the select then shows "/text"
// where its title was, and a blank line for each option filtered out.
func (f *Model) clearFilters() {
	at := f.form.GetFocusedField()
	for _, g := range f.fields {
		for _, x := range g {
			if x != at && filtered(x) {
				clearFilter(x)
			}
		}
	}
}

// filtered reports a select (or multi-select) left with a filter typed:
// its "clear filter" key is live.
func filtered(x huh.Field) bool {
	if _, ok := x.(interface{ GetFiltering() bool }); !ok {
		return false
	}
	for _, b := range x.KeyBinds() {
		if b.Help().Desc == "clear filter" {
			return b.Enabled()
		}
	}
	return false
}

// clearFilter clears x's filter with its own key (esc): every option is
// back, but huh leaves the cursor at its place in the filtered list, so
// the cursor is walked from the top back to the chosen value (each step
// sets the value; the last sets the chosen one again). A multi-select's
// value is its ticked options, which the cursor does not change.
func clearFilter(x huh.Field) {
	want := x.GetValue()
	x.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	switch want.(type) {
	case string, int:
	default:
		return
	}
	x.Update(tea.KeyPressMsg{Code: tea.KeyHome})
	first := x.GetValue()
	for range 1000 {
		if x.GetValue() == want {
			return
		}
		x.Update(tea.KeyPressMsg{Code: tea.KeyDown})
		if x.GetValue() == first {
			return // round the list: the value was not an option
		}
	}
}

// View is the form (empty when none). huh scrolls a page taller than the
// screen so the focused field starts at the top, but where the page's end
// comes first it stops mid-field, cutting the title off the field above
// ("No budget" alone, without "What reason did you assume?"). This view
// scrolls as huh does, except that where huh would stop mid-field it
// starts at a whole field: the latest one from which the focused field
// still shows whole (the fields below may run off the bottom), else the
// focused one.
func (f *Model) View() string {
	if f.form == nil {
		return ""
	}
	page := f.page()
	if f.viewH == 0 || f.form.State != huh.StateNormal || page == nil {
		return f.form.View()
	}
	at := f.form.GetFocusedField()
	var lines []string
	starts := make([]int, 0, len(page))
	top, end := 0, 0 // the focused field's first line and the one after it
	for i, x := range page {
		if i > 0 {
			lines = append(lines, "") // huh's gap between fields
		}
		starts = append(starts, len(lines))
		lines = append(lines, strings.Split(x.View(), "\n")...)
		if x == at {
			top, end = starts[i], len(lines)
		}
	}
	if last := len(lines) - f.viewH; top > last {
		top = scrollTop(starts, last, top, end, f.viewH)
	}
	lines = lines[top:min(len(lines), top+f.viewH)]
	for len(lines) < f.viewH {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// scrollTop is the first line to show when huh would show from last,
// inside a field: the latest field start at or above last from which the
// focused field (lines top to end) still fits in h lines, else the first
// field start below last (at worst the focused field's own).
func scrollTop(starts []int, last, top, end, h int) int {
	for i := len(starts) - 1; i >= 0; i-- {
		if starts[i] <= last && end-starts[i] <= h {
			return starts[i]
		}
	}
	for _, s := range starts {
		if s >= last {
			return s
		}
	}
	return top
}

// page is the fields of the group that holds the focus (nil: not found).
func (f *Model) page() []huh.Field {
	at := f.form.GetFocusedField()
	for _, g := range f.fields {
		for _, x := range g {
			if x == at {
				return g
			}
		}
	}
	return nil
}

// Question is the open question on one line of width w ("" when none).
func (f *Model) Question(st *common.Styles, w int) string { return f.ask.View(st.Warn, w) }

// Keys is the question's keys while it is open, else the screen's own.
func (f *Model) Keys(own help.KeyMap) help.KeyMap {
	if f.ask.Open() {
		return f.ask.Help()
	}
	return own
}

// InTextArea reports a text area focused (where NewLine adds a line).
func (f *Model) InTextArea() bool {
	if f.form == nil || f.ask.Open() {
		return false
	}
	_, ok := f.form.GetFocusedField().(*huh.Text)
	return ok
}

// OnLastField reports the focus on the form's last field, where enter
// completes the form (a footer says so rather than "next field").
func (f *Model) OnLastField() bool {
	if f.form == nil || f.ask.Open() || len(f.fields) == 0 {
		return false
	}
	last := f.fields[len(f.fields)-1]
	return len(last) > 0 && f.form.GetFocusedField() == last[len(last)-1]
}

// Error is the form's first validation error ("" when none).
func (f *Model) Error() string {
	if f.form == nil {
		return ""
	}
	if f.editorErr != "" {
		return f.editorErr
	}
	if errs := f.form.Errors(); len(errs) > 0 {
		return errs[0].Error()
	}
	return ""
}
