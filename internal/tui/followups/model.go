// Package followups is the Follow-ups screen: overdue, today and the next 14
// days, plus suggested dates for recent No's that have none. Mark done (then
// the next check-in is offered), snooze, reschedule, set the outcome, open
// the No or its debrief kit.
package followups

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// SuggestDays is how far back the Suggested section looks for No's without a follow-up.
const SuggestDays = 30

// prompt is what the bottom line is asking, if anything.
type prompt int

const (
	promptNone    prompt = iota
	promptDate           // typing a date
	promptOutcome        // picking an outcome
	promptNext           // "next check-in ...? y/n"
)

// section of a row.
type section int

const (
	secOverdue section = iota
	secToday
	secUpcoming
	secSuggested
)

// row is one selectable entry.
type row struct {
	sec  section
	item followup.Item       // follow-up rows
	sug  followup.Suggestion // suggested rows
	no   journal.No
}

// Model is the screen.
type Model struct {
	ctx    *common.Context
	keys   KeyMap
	rows   []row
	groups followup.Groups
	loaded bool
	err    error
	sel    int
	selID  uint64 // keeps the cursor on the same No across reloads
	offset int    // first body line shown
	width  int
	height int

	prompt    prompt
	input     textinput.Model
	inputErr  string
	outcome   int // cursor in journal.Outcomes
	target    journal.No
	nextDay   journal.Day
	banner    string // the celebration, until the next key
	seq       int
	lastSaved journal.No
}

type loadedMsg struct {
	seq       int
	groups    followup.Groups
	suggested []row
	err       error
}

// savedMsg reports a change written to the store.
type savedMsg struct {
	no        journal.No
	status    string
	celebrate string
	askNext   bool
	err       error
}

// New builds the screen.
func New(ctx *common.Context) *Model {
	ti := textinput.New()
	ti.Prompt = "› "
	ti.Placeholder = "in 2 weeks, next tuesday, 2026-12-01…"
	ti.CharLimit = 60
	return &Model{ctx: ctx, keys: DefaultKeys(), input: ti}
}

// Init loads the follow-ups.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.seq++
	seq, st, cat, today, def := m.seq, m.ctx.Store, m.ctx.Catalog, m.ctx.Today(), m.ctx.Mode()
	return func() tea.Msg {
		// The follow-up rows hold what the list shows; only a No with
		// neither a turnaround nor a next step is read in full, for the
		// words or reason its second line shows instead.
		rows, err := st.FollowUpRows(today.AddDays(followup.UpcomingDays))
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		nos := make([]journal.No, len(rows))
		var bare []uint64
		for i, r := range rows {
			nos[i] = r.No()
			if strings.TrimSpace(r.Change) == "" && strings.TrimSpace(r.Next) == "" {
				bare = append(bare, r.ID)
			}
		}
		full, err := st.GetNos(bare)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		byID := make(map[uint64]journal.No, len(full))
		for _, n := range full {
			byID[n.ID] = n
		}
		for i := range nos {
			if n, ok := byID[nos[i].ID]; ok {
				nos[i].Said, nos[i].Reason, nos[i].Mode = n.Said, n.Reason, n.Mode
			}
		}
		// Suggestions are for recent open No's without a follow-up date:
		// only those are read in full.
		recentRows, _, err := st.ListRows(store.Query{From: today.AddDays(-SuggestDays), Outcome: string(journal.OutcomeOpen)})
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		var undated []uint64
		for r := range recentRows.All() {
			if r.FollowUp.IsZero() {
				undated = append(undated, r.ID)
			}
		}
		recent, err := st.GetNos(undated)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		var sug []row
		for _, n := range recent {
			mode := def
			if md, err := cat.Mode(n.Mode); err == nil {
				mode = md
			}
			if s, ok := followup.Suggest(mode, n, today); ok {
				sug = append(sug, row{sec: secSuggested, sug: s, no: n})
			}
		}
		return loadedMsg{seq: seq, groups: followup.Classify(nos, today, followup.UpcomingDays), suggested: sug}
	}
}

// Title of the screen.
func (m *Model) Title() string { return "Follow-ups" }

// Capturing while a prompt is open (a typed date, the outcome picker, y/n).
func (m *Model) Capturing() bool { return m.prompt != promptNone }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap {
	if m.prompt != promptNone {
		return promptKeys{m.prompt}
	}
	return m.keys
}

// SetSize records the space available.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.SetWidth(max(10, w-20))
}

// Selected is the row under the cursor.
func (m *Model) selected() (row, bool) {
	if m.sel < 0 || m.sel >= len(m.rows) {
		return row{}, false
	}
	return m.rows[m.sel], true
}

// Update handles loads, saves and keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.loaded, m.err, m.groups = true, msg.err, msg.groups
		m.rows = slices.Grow(m.rows[:0], msg.groups.Len()+len(msg.suggested))
		for _, l := range []struct {
			s  section
			it []followup.Item
		}{{secOverdue, msg.groups.Overdue}, {secToday, msg.groups.Today}, {secUpcoming, msg.groups.Upcoming}} {
			for _, it := range l.it {
				r := row{sec: l.s, item: it, no: it.No}
				r.item.No = journal.No{} // the row's no is the one used
				m.rows = append(m.rows, r)
			}
		}
		m.rows = append(m.rows, msg.suggested...)
		if i := slices.IndexFunc(m.rows, func(r row) bool { return r.no.ID == m.selID }); i >= 0 {
			m.sel = i
		}
		m.clamp()
		return m, nil
	case savedMsg:
		if msg.err != nil {
			return m, common.Fail(msg.err)
		}
		m.lastSaved = msg.no
		cmds := []tea.Cmd{m.load()}
		if msg.celebrate != "" {
			m.banner = msg.celebrate
			cmds = append(cmds, common.Say(msg.celebrate))
		} else if msg.status != "" {
			cmds = append(cmds, common.Say(msg.status))
		}
		if msg.askNext {
			if d, ok := followup.NextCheckIn(msg.no, m.ctx.Today()); ok {
				m.prompt, m.target, m.nextDay = promptNext, msg.no, d
			}
		}
		return m, tea.Batch(cmds...)
	case common.DataChanged:
		return m, m.load()
	case tea.MouseWheelMsg:
		// The wheel moves the selection like ↑/↓ (not while a prompt is open).
		if m.prompt == promptNone {
			if msg.Button == tea.MouseWheelUp {
				return m.key(tea.KeyPressMsg{Code: tea.KeyUp})
			}
			if msg.Button == tea.MouseWheelDown {
				return m.key(tea.KeyPressMsg{Code: tea.KeyDown})
			}
		}
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	if m.prompt == promptDate {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	switch m.prompt {
	case promptDate:
		return m.dateKey(msg)
	case promptOutcome:
		return m.outcomeKey(msg)
	case promptNext:
		m.prompt = promptNone
		switch msg.String() {
		case "y", "Y", "enter":
			d := m.nextDay
			return m, m.change(m.target.ID, func(n *journal.No) (string, string, bool) {
				followup.Reschedule(n, d)
				return fmt.Sprintf("Next check-in with %s: %s.", textsafe.Truncate(n.Who, 30), weekday(d)), "", false
			})
		}
		return m, common.Say("No next check-in set; the follow-up stays done.")
	}
	m.banner = ""
	k := m.keys
	r, ok := m.selected()
	switch {
	case key.Matches(msg, k.Back):
		return m, common.GoBack
	case key.Matches(msg, k.Up):
		m.sel--
	case key.Matches(msg, k.Down):
		m.sel++
	case msg.String() == "home" || msg.String() == "g":
		m.sel = 0
	case msg.String() == "end" || msg.String() == "G":
		m.sel = len(m.rows) - 1
	case !ok:
		return m, nil
	case key.Matches(msg, k.Open):
		return m, common.NavigateTo(common.ScreenDetail, r.no.ID)
	case key.Matches(msg, k.Debrief):
		return m, common.NavigateTo(common.ScreenDebrief, r.no.ID)
	case key.Matches(msg, k.Who):
		who := r.no.Who
		return m, func() tea.Msg { return common.Navigate{To: common.ScreenWho, Name: who} }
	case key.Matches(msg, k.Outcome):
		m.prompt, m.target = promptOutcome, r.no
		m.outcome = max(0, slices.Index(journal.Outcomes, r.no.Outcome))
		return m, nil
	case key.Matches(msg, k.Reschedule):
		m.prompt, m.target, m.inputErr = promptDate, r.no, ""
		m.input.SetValue("")
		return m, m.input.Focus()
	case key.Matches(msg, k.Accept):
		if r.sec != secSuggested {
			return m, common.Say("a accepts a suggested date; this one already has a follow-up (s picks another).")
		}
		d := r.sug.Day
		return m, m.change(r.no.ID, func(n *journal.No) (string, string, bool) {
			followup.Reschedule(n, d)
			return fmt.Sprintf("Follow up with %s on %s.", textsafe.Truncate(n.Who, 30), weekday(d)), "", false
		})
	case r.sec == secSuggested && (key.Matches(msg, k.Done) || key.Matches(msg, k.Snooze) || key.Matches(msg, k.SnoozeWeek)):
		return m, common.Say("This No has no follow-up yet: a accepts the suggested date, s picks one.")
	case key.Matches(msg, k.Done):
		now, today := m.ctx.Now(), m.ctx.Today()
		return m, m.change(r.no.ID, func(n *journal.No) (string, string, bool) {
			s := fmt.Sprintf("Done: followed up with %s.", textsafe.Truncate(n.Who, 30))
			if followup.Done(n, now) {
				s += " Now following-up."
			}
			_, ask := followup.NextCheckIn(*n, today)
			return s, "", ask
		})
	case key.Matches(msg, k.Snooze), key.Matches(msg, k.SnoozeWeek):
		days := 1
		if key.Matches(msg, k.SnoozeWeek) {
			days = 7
		}
		today := m.ctx.Today()
		return m, m.change(r.no.ID, func(n *journal.No) (string, string, bool) {
			d := followup.SnoozeBase(n.FollowUp, today).AddDays(days)
			followup.Reschedule(n, d)
			return fmt.Sprintf("Snoozed %s to %s.", textsafe.Truncate(n.Who, 30), weekday(d)), "", false
		})
	}
	m.clamp()
	return m, nil
}

func (m *Model) dateKey(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.prompt, m.inputErr = promptNone, ""
		m.input.Blur()
		return m, nil
	case "enter":
		d, err := dates.Parse(m.input.Value(), m.ctx.Now())
		if err != nil {
			// One sentence; what was typed stays for fixing.
			m.inputErr = err.Error()
			return m, nil
		}
		m.prompt, m.inputErr = promptNone, ""
		m.input.Blur()
		return m, m.change(m.target.ID, func(n *journal.No) (string, string, bool) {
			followup.Reschedule(n, d)
			return fmt.Sprintf("Follow up with %s on %s.", textsafe.Truncate(n.Who, 30), weekday(d)), "", false
		})
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

func (m *Model) outcomeKey(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	s := msg.String()
	switch {
	case s == "esc":
		m.prompt = promptNone
		return m, nil
	case s == "up" || s == "k" || s == "left" || s == "h" || s == "shift+tab":
		m.outcome = (m.outcome + len(journal.Outcomes) - 1) % len(journal.Outcomes)
		return m, nil
	case s == "down" || s == "j" || s == "right" || s == "l" || s == "tab":
		m.outcome = (m.outcome + 1) % len(journal.Outcomes)
		return m, nil
	case len(s) == 1 && s[0] >= '1' && int(s[0]-'1') < len(journal.Outcomes):
		m.outcome = int(s[0] - '1')
	case s != "enter":
		return m, nil
	}
	m.prompt = promptNone
	o := journal.Outcomes[m.outcome]
	if o == m.target.Outcome {
		return m, common.Say(fmt.Sprintf("%s is already %s.", textsafe.Truncate(m.target.Who, 30), o))
	}
	now, yesWord := m.ctx.Now(), m.ctx.Mode().Words.Yes
	return m, m.change(m.target.ID, func(n *journal.No) (string, string, bool) {
		c := followup.SetOutcome(n, o, now, yesWord)
		return fmt.Sprintf("%s is now %s.", textsafe.Truncate(n.Who, 30), o), c, false
	})
}

// change applies fn to No id inside one write transaction, so an edit made
// meanwhile in another terminal is neither overwritten nor lost.
func (m *Model) change(id uint64, fn func(n *journal.No) (status, celebrate string, askNext bool)) tea.Cmd {
	m.selID = id
	st, now := m.ctx.Store, m.ctx.Now()
	return func() tea.Msg {
		var status, celebrate string
		var ask bool
		n, err := st.PatchNo(id, now, func(n *journal.No) error {
			status, celebrate, ask = fn(n)
			return nil
		})
		if err != nil {
			return savedMsg{err: fmt.Errorf("couldn't save the change: %w", err)}
		}
		return savedMsg{no: n, status: status, celebrate: celebrate, askNext: ask}
	}
}

func (m *Model) clamp() {
	m.sel = max(0, min(m.sel, len(m.rows)-1))
	if r, ok := m.selected(); ok {
		m.selID = r.no.ID
	}
}

// weekday is "Tue 2026-11-24".
func weekday(d journal.Day) string { return d.Weekday().String()[:3] + " " + string(d) }

// View draws the sections, the visible rows and any prompt.
func (m *Model) View() string {
	st := m.ctx.Styles
	if m.err != nil {
		return st.Error.Render("Couldn't read the follow-ups: "+m.err.Error()) + "\n" + st.Muted.Render("esc goes back")
	}
	if !m.loaded {
		return st.Muted.Render("Loading follow-ups…")
	}
	w := max(20, m.width)
	var top []string
	if m.banner != "" {
		top = append(top, st.Good.Bold(true).Render(textsafe.Truncate(m.banner, w)))
	}
	g := m.groups
	nSug := len(m.rows) - g.Len()
	summary := fmt.Sprintf("%d overdue · %d today · %d in the next %d days", len(g.Overdue), len(g.Today), len(g.Upcoming), followup.UpcomingDays)
	if nSug > 0 {
		summary += fmt.Sprintf(" · %d suggested", nSug)
	}
	top = append(top, st.Muted.Render(textsafe.Truncate(summary, w)), "")

	bottom := m.promptView(w)
	if len(m.rows) == 0 {
		mode := m.ctx.Mode()
		body := []string{
			st.Good.Render(fmt.Sprintf("Nothing to follow up in the next %d days.", followup.UpcomingDays)),
			"",
			st.Text.Width(w).Render("Give a No a follow-up date when you log it (n on home), or open one from the journal (j) and press e."),
			st.Muted.Width(w).Render(fmt.Sprintf("Recent open No's without a date show up here with a suggested date for each %s.", mode.Words.Who)),
		}
		return strings.Join(slices.Concat(top, body, bottom), "\n")
	}

	starts, ends, total := m.layout()
	avail := max(1, m.height-len(top)-len(bottom))
	// Keep the selected entry in view.
	if m.sel < len(starts) {
		s, e := starts[m.sel], ends[m.sel]
		if isHeader(m.rows, m.sel) {
			s = max(0, s-1) // show the section header with its first row
		}
		if s < m.offset {
			m.offset = s
		}
		if e > m.offset+avail {
			m.offset = e - avail
		}
	}
	m.offset = max(0, min(m.offset, max(0, total-avail)))
	shown := m.body(w, m.offset, min(total, m.offset+avail), ends)
	out := append(top, shown...)
	out = append(out, bottom...)
	return strings.Join(out, "\n")
}

func isHeader(rows []row, i int) bool { return i == 0 || rows[i-1].sec != rows[i].sec }

// layout places every row (two lines each) under its section header, a
// blank line before each header but the first, without rendering: each
// row's [start, end) line range and the number of lines.
func (m *Model) layout() (starts, ends []int, total int) {
	starts, ends = make([]int, len(m.rows)), make([]int, len(m.rows))
	for i := range m.rows {
		if isHeader(m.rows, i) {
			if i > 0 {
				total++
			}
			total++
		}
		starts[i] = total
		total += 2
		ends[i] = total
	}
	return starts, ends, total
}

// body renders the lines [from, to) of the layout: only the rows shown.
func (m *Model) body(w, from, to int, ends []int) []string {
	st := m.ctx.Styles
	today := m.ctx.Today()
	lines := make([]string, 0, to-from)
	first, _ := slices.BinarySearch(ends, from+1) // the first row ending after from
	line := 0
	if first > 0 {
		line = ends[first-1]
	}
	add := func(s string) {
		if line >= from && line < to {
			lines = append(lines, s)
		}
		line++
	}
	for i := first; i < len(m.rows) && line < to; i++ {
		r := m.rows[i]
		if isHeader(m.rows, i) {
			if i > 0 {
				add("")
			}
			add(m.header(r.sec, w))
		}
		mode := m.modeOf(r.no)
		whoW := min(24, max(10, w/4))
		var when string
		switch r.sec {
		case secOverdue:
			when = fmt.Sprintf("%s late · was due %s", days(r.item.DaysLate), weekday(r.item.Due))
		case secToday:
			when = "due today"
		case secUpcoming:
			when = fmt.Sprintf("%s · in %s", weekday(r.item.Due), days(r.item.DaysUntil))
		case secSuggested:
			when = "suggest " + weekday(r.sug.Day)
		}
		since := max(0, r.no.Date.DaysUntil(today))
		meta := fmt.Sprintf("No %s ago", days(since))
		if since == 0 {
			meta = "No today"
		}
		if r.no.Outcome != "" && r.no.Outcome != journal.OutcomeOpen {
			meta += " · " + string(r.no.Outcome)
		}
		first := textsafe.PadRight(r.no.Who, whoW) + "  " + when + " · " + meta
		first = cut(first, w-2)
		if i == m.sel {
			first = st.Selected.Render("› " + first)
		} else if r.sec == secOverdue {
			first = "  " + st.Warn.Render(first)
		} else {
			first = "  " + st.Text.Render(first)
		}
		add(first)
		add("    " + st.Muted.Render(textsafe.Truncate(m.detailLine(r, mode), w-4)))
	}
	return lines
}

func (m *Model) header(s section, w int) string {
	st := m.ctx.Styles
	switch s {
	case secOverdue:
		return st.Warn.Bold(true).Render("Overdue")
	case secToday:
		return st.Subtitle.Render("Today")
	case secUpcoming:
		return st.Subtitle.Render(fmt.Sprintf("Next %d days", followup.UpcomingDays))
	}
	return st.Subtitle.Render("Suggested") + st.Muted.Render(cut(fmt.Sprintf(" — No's from the last %d days without a follow-up · a accepts", SuggestDays), max(0, w-10)))
}

// detailLine is the second line: the turnaround condition and next step,
// or why a date is suggested.
func (m *Model) detailLine(r row, mode *coach.Mode) string {
	if r.sec == secSuggested {
		return r.sug.Why
	}
	n := r.no
	var parts []string
	if c := strings.TrimSpace(n.Change); c != "" {
		parts = append(parts, "to revisit: "+textsafe.Inline(c))
	}
	if x := strings.TrimSpace(n.Next); x != "" {
		parts = append(parts, "next: "+textsafe.Inline(x))
	}
	if len(parts) == 0 {
		if n.Said != "" {
			parts = append(parts, "“"+textsafe.Inline(n.Said)+"”")
		} else if n.Reason != "" {
			parts = append(parts, mode.ReasonLabel(n.Reason))
		} else {
			parts = append(parts, "no next step noted — enter opens the No")
		}
	}
	return strings.Join(parts, " · ")
}

func (m *Model) modeOf(n journal.No) *coach.Mode {
	if md, err := m.ctx.Catalog.Mode(n.Mode); err == nil && n.Mode != "" {
		return md
	}
	return m.ctx.Mode()
}

func (m *Model) promptView(w int) []string {
	st := m.ctx.Styles
	who := textsafe.Truncate(m.target.Who, 30)
	switch m.prompt {
	case promptDate:
		out := []string{"", st.Title.Render("Follow up with "+who+" on:") + " " + m.input.View()}
		if m.inputErr != "" {
			out = append(out, st.Error.Width(w).Render(textsafe.Inline(m.inputErr)))
		} else {
			out = append(out, st.Muted.Render(textsafe.Truncate("enter sets it · esc cancels · "+dates.Hint, w)))
		}
		return out
	case promptOutcome:
		var opts []string
		for i, o := range journal.Outcomes {
			label := fmt.Sprintf("%d %s", i+1, o)
			if i == m.outcome {
				opts = append(opts, st.Selected.Render("["+label+"]"))
			} else {
				opts = append(opts, st.Text.Render(" "+label+" "))
			}
		}
		return []string{"", st.Title.Render("Where does " + who + " stand now?"),
			strings.Join(opts, " "),
			st.Muted.Render(textsafe.Truncate("←/→ choose · enter sets it · esc cancels", w))}
	case promptNext:
		return []string{"", st.Accent.Render(textsafe.Truncate(fmt.Sprintf("Next check-in with %s on %s? y sets it · n leaves it done", who, weekday(m.nextDay)), w))}
	}
	return nil
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// promptKeys are shown in the footer while a prompt is open.
type promptKeys struct{ p prompt }

func (k promptKeys) ShortHelp() []key.Binding {
	switch k.p {
	case promptDate:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set the date")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	case promptOutcome:
		return []key.Binding{
			key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "choose")),
			key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", "pick")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "set the next check-in")),
		key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "leave it done")),
	}
}

func (k promptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// cut shortens text that is already safe (built from textsafe parts)
// without collapsing its spacing, as textsafe.Truncate would.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, textsafe.Ellipsis)
}
