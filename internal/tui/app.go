// Package tui is the root of the Bubble Tea app: it routes between screens,
// owns the header, footer, help and size, and watches the database file so
// No's logged from another terminal appear within a second.
package tui

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/debriefview"
	"github.com/rebound-coach/rebound/internal/tui/detailview"
	"github.com/rebound-coach/rebound/internal/tui/experimentview"
	"github.com/rebound-coach/rebound/internal/tui/followupsview"
	"github.com/rebound-coach/rebound/internal/tui/homeview"
	"github.com/rebound-coach/rebound/internal/tui/insightsview"
	"github.com/rebound-coach/rebound/internal/tui/journalview"
	"github.com/rebound-coach/rebound/internal/tui/logview"
	"github.com/rebound-coach/rebound/internal/tui/prepview"
	"github.com/rebound-coach/rebound/internal/tui/reflectview"
	"github.com/rebound-coach/rebound/internal/tui/reframeview"
	"github.com/rebound-coach/rebound/internal/tui/reviewview"
	"github.com/rebound-coach/rebound/internal/tui/streakview"
	"github.com/rebound-coach/rebound/internal/tui/welcomeview"
	"github.com/rebound-coach/rebound/internal/tui/whoview"
)

// Minimum usable size; below it a notice replaces the screen.
const (
	minWidth  = 40
	minHeight = 10
	// pollEvery is how often the file's mtime is checked for outside writes.
	pollEvery = 400 * time.Millisecond
)

// Model is the root model.
type Model struct {
	ctx *common.Context
	// st is the journal; the root hands each screen it builds the part of
	// it that screen declares (its Store interface).
	st        *store.Store
	stack     []common.Screen
	keys      keyMap
	help      help.Model
	showHelp  bool
	width     int
	height    int
	status    string
	statusErr bool
	stamp     stamp
	// Start is the first screen (home unless a command opens another).
	start common.Navigate
	// lastSaved is the No the log form saved last, for `rebound log` to report.
	lastSaved *journal.No
	// pending are keys typed ahead, handed over in order: while the screen
	// on top is loading, and while gated, the command of a key a screen
	// answered runs (it may open another screen, which must get the keys
	// typed after it: "f j" moves down the follow-ups, not into the
	// journal from home). gate numbers the commands, so a late release
	// of an earlier one is ignored.
	pending []tea.KeyPressMsg
	gated   bool
	gate    int
	// settleGate is the gate a form's focus move closed (see settling): it
	// opens once the form has handled the move, or at gateMax.
	settleGate int
}

// maxPending bounds the keys held.
const maxPending = 64

// gateMax is the longest a key's command holds the keys after it: a
// command that only waits (a cursor's blink, a timer) must not slow typing.
const gateMax = 150 * time.Millisecond

// releaseMsg opens gate gen: its key's command is done, or gateMax passed.
type releaseMsg struct{ gen int }

// LastSaved is the last No saved through the log form in this run.
func (m *Model) LastSaved() (journal.No, bool) {
	if m.lastSaved == nil {
		return journal.No{}, false
	}
	return *m.lastSaved, true
}

type stamp struct {
	mod  time.Time
	size int64
}

type pollMsg struct{ s stamp }

// New builds the root on ctx and the journal st, opening start.
func New(ctx *common.Context, st *store.Store, start common.Navigate) *Model {
	if ctx.Styles == nil {
		s := common.NewStyles(true)
		ctx.Styles = &s
	}
	m := &Model{ctx: ctx, st: st, keys: newKeyMap(), help: help.New(), start: start}
	// Stamp the file before the first load, so a write that lands between
	// the load and the first poll is still noticed.
	if mod, size, err := st.Stamp(); err == nil {
		m.stamp = stamp{mod, size}
	}
	m.help.Styles = common.HelpStyles(ctx.Styles)
	m.stack = []common.Screen{m.build(start)}
	// First run: the welcome opens over home and returns to it.
	if start.To == common.ScreenHome && !ctx.Settings.Welcomed {
		m.stack = append(m.stack, m.build(common.Navigate{To: common.ScreenWelcome}))
	}
	return m
}

// Init starts the first screen, asks for the background and starts watching.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.poll()}
	for _, s := range m.stack {
		cmds = append(cmds, s.Init())
	}
	return tea.Batch(cmds...)
}

func (m *Model) top() common.Screen { return m.stack[len(m.stack)-1] }

// build makes a screen, already knowing the size.
func (m *Model) build(nav common.Navigate) common.Screen {
	var s common.Screen
	switch nav.To {
	case common.ScreenLog:
		s = logview.New(m.ctx, m.st)
	case common.ScreenJournal:
		s = journalview.NewFiltered(m.ctx, m.st, nav.Name) // Name: a filter (reason:price) from the command line
	case common.ScreenDetail:
		s = detailview.New(m.ctx, m.st, nav.ID)
	case common.ScreenEdit:
		s = newEditLoader(m.ctx, m.st, nav.ID)
	case common.ScreenReframe:
		s = reframeview.New(m.ctx, m.st, nav.ID)
	case common.ScreenReflect:
		s = reflectview.New(m.ctx, m.st)
	case common.ScreenStreak:
		s = streakview.New(m.ctx, m.st)
	case common.ScreenInsights:
		s = insightsview.NewFor(m.ctx, m.st, nav.Name)
	case common.ScreenFollowUps:
		s = followupsview.New(m.ctx, m.st)
	case common.ScreenDebrief:
		s = debriefview.New(m.ctx, m.st, nav.ID)
	case common.ScreenWelcome:
		s = welcomeview.New(m.ctx, m.st)
	case common.ScreenWho:
		s = whoview.New(m.ctx, m.st, nav.Name)
	case common.ScreenPrep:
		s = prepview.New(m.ctx, m.st, nav.Name)
	case common.ScreenReview:
		s = reviewview.New(m.ctx, m.st)
	case common.ScreenExperiment:
		s = experimentview.New(m.ctx, m.st)
	default:
		s = homeview.New(m.ctx, m.st)
	}
	w, h := m.bodySize()
	s.SetSize(w, h)
	return s
}

// bodySize is the space between header and footer.
func (m *Model) bodySize() (int, int) {
	return max(0, m.width-2), max(0, m.height-4)
}

func (m *Model) poll() tea.Cmd {
	st := m.st
	return tea.Tick(pollEvery, func(time.Time) tea.Msg {
		mod, size, err := st.Stamp()
		if err != nil {
			return pollMsg{}
		}
		return pollMsg{stamp{mod, size}}
	})
}

// Update routes messages, then hands over the keys held (see pending)
// once nothing holds them.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if r, ok := msg.(releaseMsg); ok && r.gen == m.gate {
		m.gated = false
	}
	model, cmd := m.update(msg)
	if m.gated && m.gate == m.settleGate && !m.settling() {
		m.gated = false
	}
	if len(m.pending) == 0 || m.gated || m.loading() {
		return model, cmd
	}
	return m, tea.Batch(cmd, m.replay())
}

// loading reports whether the screen on top is still reading the journal.
func (m *Model) loading() bool {
	l, ok := m.top().(common.Loader)
	return ok && l.Loading()
}

// settling reports a form on top moving its focus (common.Settler).
func (m *Model) settling() bool {
	s, ok := m.top().(common.Settler)
	return ok && s.Settling()
}

// replay hands the held keys to the screen, in order, as if typed now,
// until one of them is gated or opens a screen that loads.
func (m *Model) replay() tea.Cmd {
	var cmds []tea.Cmd
	for len(m.pending) > 0 && !m.loading() && !m.gated {
		k := m.pending[0]
		m.pending = m.pending[1:]
		_, cmd := m.keyPress(k)
		cmds = append(cmds, cmd)
	}
	if len(m.pending) == 0 {
		m.pending = nil
	}
	return tea.Batch(cmds...)
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case releaseMsg:
		return m, nil
	case gatedMsg:
		return m.ungate(msg)
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(max(0, msg.Width-2))
		w, h := m.bodySize()
		for _, s := range m.stack {
			s.SetSize(w, h)
		}
		return m.forward(tea.WindowSizeMsg{Width: w, Height: h})
	case tea.BackgroundColorMsg:
		*m.ctx.Styles = common.NewStyles(msg.IsDark())
		m.help.Styles = common.HelpStyles(m.ctx.Styles)
		return m, nil
	case pollMsg:
		cmds := []tea.Cmd{m.poll()}
		if msg.s != (stamp{}) && msg.s != m.stamp {
			m.stamp = msg.s
			_, cmd := m.forward(common.DataChanged{})
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)
	case common.Navigate:
		m.status = ""
		s := m.build(msg)
		m.stack = append(m.stack, s)
		return m, tea.Batch(s.Init(), m.sizeCmd())
	case common.Back:
		return m.back()
	case common.Status:
		m.status, m.statusErr = msg.Text, msg.Error
		return m, nil
	case common.SettingsChanged:
		m.ctx.Settings = msg.Settings
		return m, nil
	case logview.Saved:
		n := msg.No
		m.lastSaved = &n
		text := fmt.Sprintf("Saved No #%d — %s.", n.ID, textsafe.Truncate(n.Who, 40))
		if !n.FollowUp.IsZero() {
			text = fmt.Sprintf("Saved No #%d — %s, follow up %s.", n.ID, textsafe.Truncate(n.Who, 40), n.FollowUp)
		}
		m.status, m.statusErr = text, false
		return m.back()
	case tea.MouseMsg:
		if m.tooSmall() {
			return m, nil // nothing under the notice is clickable
		}
	case tea.KeyPressMsg:
		// A status line answers the last thing done; the next key moves on
		// from it (it would go stale: "Today is already active…" still on
		// home after leaving the streak). What this key does may say anew.
		m.status, m.statusErr = "", false
		// Behind the notice the screen is hidden: a key must not act on
		// it unseen. Only q and ctrl+c (quit) do anything.
		if m.tooSmall() {
			if key.Matches(msg, m.keys.Quit, m.keys.Back) {
				return m, tea.Quit
			}
			return m, nil
		}
		if m.showHelp { // any key closes the help, loading or not
			m.showHelp = false
			return m, nil
		}
		if m.loading() || m.gated || len(m.pending) > 0 {
			return m.hold(msg)
		}
		return m.keyPress(msg)
	}
	return m.forward(msg)
}

// hold keeps a key typed ahead (see pending) for replay. ctrl+c acts at
// once (a form's own, else it quits), ? opens the help at once, and esc
// or q on a screen still loading goes back at once (a read waiting on
// another program's long import may take seconds); each drops the keys
// held.
func (m *Model) hold(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Quit) && m.top().Capturing() && !m.loading():
		// A form's own ctrl+c, now: it asks before typed text is lost (the
		// reframe saves a draft). The keys held before it are dropped.
		m.pending = nil
		return m.keyPress(msg)
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case !m.top().Capturing() && key.Matches(msg, m.keys.Help):
		m.pending, m.showHelp = nil, true
		return m, nil
	case m.loading() && key.Matches(msg, m.keys.Leave):
		m.pending = nil
		return m.back()
	}
	if len(m.pending) < maxPending {
		m.pending = append(m.pending, msg)
	}
	return m, nil
}

// keyPress gives a key to the help, the root's own keys or the screen.
// When a screen that takes no typing answers a key with a command, the
// keys after it wait for that command's message (a Navigate opens the
// next screen first), or gateMax; typing into a field never waits, only
// the keys after one that moves a form's focus (common.Settler).
func (m *Model) keyPress(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if m.showHelp {
		m.showHelp = false
		return m, nil
	}
	if hf, ok := m.top().(common.HelpKeyFreer); ok && key.Matches(msg, m.keys.Help) && hf.HelpKeyFree() {
		m.showHelp = true
		return m, nil
	}
	typing := m.top().Capturing()
	if !typing {
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(msg, m.keys.Help):
			m.showHelp = true
			return m, nil
		case key.Matches(msg, m.keys.Back):
			return m.back() // quits from the first screen
		}
	}
	model, cmd := m.forward(msg)
	if m.settling() {
		// The key moves a form's focus: the keys after it wait for the
		// move (Update opens the gate), so a Down typed right after enter
		// moves the list below, not the field being left.
		m.gate++
		m.gated, m.settleGate = true, m.gate
		gen := m.gate
		return model, tea.Batch(cmd, tea.Tick(gateMax, func(time.Time) tea.Msg { return releaseMsg{gen} }))
	}
	if cmd == nil || typing {
		return model, cmd
	}
	m.gate++
	gen := m.gate
	m.gated = true
	answer := func() tea.Msg { return gatedMsg{gen: gen, msg: cmd()} }
	return model, tea.Batch(answer, tea.Tick(gateMax, func(time.Time) tea.Msg { return releaseMsg{gen} }))
}

// gatedMsg is what a gated key's command returned (see keyPress).
type gatedMsg struct {
	gen int
	msg tea.Msg
}

// ungate opens the gate of a key's command and passes on what it
// returned: the app's own messages at once (a Navigate, before the keys
// held after it), Bubble Tea's (quit, clipboard, a batch) to the program.
func (m *Model) ungate(g gatedMsg) (tea.Model, tea.Cmd) {
	if g.gen == m.gate {
		m.gated = false
	}
	switch inner := g.msg.(type) {
	case nil:
		return m, nil
	case tea.BatchMsg:
		return m, tea.Batch(inner...)
	}
	if t := reflect.TypeOf(g.msg); strings.HasPrefix(t.PkgPath(), "github.com/rebound-coach/rebound/") {
		return m.update(g.msg)
	}
	return m, func() tea.Msg { return g.msg }
}

// tooSmall reports whether the too-small notice replaces the screen.
func (m *Model) tooSmall() bool {
	return m.width > 0 && (m.width < minWidth || m.height < minHeight)
}

// sizeCmd re-sends the body size so a new form lays itself out.
func (m *Model) sizeCmd() tea.Cmd {
	w, h := m.bodySize()
	return func() tea.Msg { return tea.WindowSizeMsg{Width: w + 2, Height: h + 4} }
}

func (m *Model) back() (tea.Model, tea.Cmd) {
	if len(m.stack) == 1 {
		return m, tea.Quit
	}
	m.stack = m.stack[:len(m.stack)-1]
	// What's revealed may be stale: let it reload.
	return m.forward(common.DataChanged{})
}

func (m *Model) forward(msg tea.Msg) (tea.Model, tea.Cmd) {
	s, cmd := m.top().Update(msg)
	m.stack[len(m.stack)-1] = s
	return m, cmd
}

// View draws header, the screen (or help, or a too-small notice) and footer.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "rebound"
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

func (m *Model) render() string {
	st := m.ctx.Styles
	if m.width == 0 {
		return ""
	}
	if m.tooSmall() {
		// Short lines, each cut to the width, so even 20×6 reads cleanly.
		lines := []string{"Terminal too small", fmt.Sprintf("%d×%d; need %d×%d", m.width, m.height, minWidth, minHeight), "q quits"}
		for i := range lines {
			lines[i] = textsafe.Truncate(lines[i], m.width)
		}
		return strings.Join(lines[:min(len(lines), m.height)], "\n")
	}
	bw, bh := m.bodySize()
	s := m.top()

	mode := m.ctx.Mode()
	left := st.Brand.Render("rebound") + st.Crumb.Render(" › "+s.Title())
	right := st.Muted.Render(mode.Label)
	gap := max(1, bw-lipgloss.Width(left)-lipgloss.Width(right))
	header := left + strings.Repeat(" ", gap) + right

	var body string
	if m.showHelp {
		body = st.Title.Render("Keys — "+s.Title()) + "\n\n" + m.help.FullHelpView(s.Keys().FullHelp()) + "\n\n" +
			m.help.FullHelpView(m.keys.help(len(m.stack), s.Capturing()).FullHelp()) + "\n\n" + st.Muted.Render("any key closes this help")
	} else {
		body = s.View()
	}
	body = box(body, bw, bh)

	status := ""
	if m.status != "" {
		sty := st.Status
		if m.statusErr {
			sty = st.Error
		}
		status = sty.Render(textsafe.Truncate(m.status, bw))
	}
	footer := m.help.ShortHelpView(s.Keys().ShortHelp())
	return frame(st.App, header+"\n"+body+"\n"+status+"\n"+footer)
}

// box is lipgloss.NewStyle().Width(w).Height(h).MaxHeight(h).MaxWidth(w).Render(s):
// s in exactly h lines of w columns. Text whose lines all fit (the usual
// case: screens render to their size) is padded directly, which measures
// each line once instead of in four passes; anything else goes to lipgloss.
func box(s string, w, h int) string {
	if w <= 0 || h <= 0 || strings.ContainsAny(s, "\t\r") {
		return lipgloss.NewStyle().Width(w).Height(h).MaxHeight(h).MaxWidth(w).Render(s)
	}
	var b strings.Builder
	b.Grow(h * (w + 1))
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		lw := ansi.StringWidth(line)
		if lw > w {
			return lipgloss.NewStyle().Width(w).Height(h).MaxHeight(h).MaxWidth(w).Render(s)
		}
		if n < h {
			if n > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(line)
			pad(&b, w-lw)
		}
		n++
	}
	for ; n < h; n++ {
		b.WriteByte('\n')
		pad(&b, w)
	}
	return b.String()
}

// frame is app.Render(s) for the app style of one column of padding each
// side (any other app style goes to lipgloss): every line padded to the
// widest, with a space either side.
func frame(app lipgloss.Style, s string) string {
	if !plainPadding(app) || strings.ContainsAny(s, "\t\r") {
		return app.Render(s)
	}
	lines := strings.Split(s, "\n")
	widths := make([]int, len(lines))
	widest := 0
	for i, l := range lines {
		widths[i] = ansi.StringWidth(l)
		widest = max(widest, widths[i])
	}
	var b strings.Builder
	b.Grow(len(s) + len(lines)*(widest+3))
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteByte(' ')
		b.WriteString(l)
		pad(&b, 1+widest-widths[i])
	}
	return b.String()
}

// plainPadding reports whether app is one column of padding each side and
// nothing else.
func plainPadding(app lipgloss.Style) bool {
	return app.Render("a\nbb") == " a  \n bb "
}

func pad(b *strings.Builder, n int) {
	for ; n > 0; n-- {
		b.WriteByte(' ')
	}
}
