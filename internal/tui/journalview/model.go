// Package journalview lists every No, newest first, a page at a time, with a
// text filter. Only visible rows are rendered.
package journalview

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// pageSize is how many No's one store read fetches.
const pageSize = 200

// Store is what the journal list reads and writes (*store.Store is one).
type Store interface {
	ListRows(q journal.Query) (*journal.Rows, *journal.Cursor, error)
	DeleteNo(id uint64) error
}

// Model is the journal list.
type Model struct {
	ctx      *common.Context
	db       Store
	keys     KeyMap
	filter   textinput.Model
	typing   bool // the filter has focus
	rows     []journal.Row
	next     *journal.Cursor // where the next page starts; nil when all loaded
	loading  bool
	loaded   bool
	seq      int // ignores results of superseded queries
	sel      int
	offset   int
	width    int
	height   int
	ask      confirm.Model // "Delete No #…?"
	deleting uint64        // the No the question names (a reload may move the cursor)
	err      error
	scrolled bool
}

type pageMsg struct {
	seq    int
	rows   []journal.Row
	next   *journal.Cursor
	append bool
	err    error
}

type deletedMsg struct {
	id  uint64
	err error
}

// New builds the journal screen.
func New(ctx *common.Context, db Store) *Model {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = "filter by who, words, reason…"
	ti.CharLimit = 200
	return &Model{ctx: ctx, db: db, keys: DefaultKeys(), filter: ti, ask: confirm.New(deleteKeys)}
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.query(false) }

func (m *Model) query(appendPage bool) tea.Cmd {
	m.seq++
	m.loading = true
	seq, st := m.seq, m.db
	q := journal.Query{Limit: pageSize, Text: strings.TrimSpace(m.filter.Value())}
	if appendPage {
		q.Before = m.next
	}
	return func() tea.Msg {
		rows, next, err := st.ListRows(q)
		return pageMsg{seq: seq, rows: slices.Collect(rows.All()), next: next, append: appendPage, err: err}
	}
}

// Title of the screen.
func (m *Model) Title() string { return "Journal" }

// Capturing while the filter has focus or a delete is being confirmed.
func (m *Model) Capturing() bool { return m.typing || m.ask.Open() }

// SetSize records the space available.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.filter.SetWidth(max(10, w-4))
	m.clamp()
}

// visible is how many rows fit: the filter line, the header and a count line take 3.
func (m *Model) visible() int { return max(1, m.height-4) }

func (m *Model) clamp() {
	if m.sel >= len(m.rows) {
		m.sel = len(m.rows) - 1
	}
	if m.sel < 0 {
		m.sel = 0
	}
	v := m.visible()
	if m.sel < m.offset {
		m.offset = m.sel
	}
	if m.sel >= m.offset+v {
		m.offset = m.sel - v + 1
	}
	m.offset = max(0, min(m.offset, max(0, len(m.rows)-v)))
}

// Selected is the row of the No under the cursor.
func (m *Model) Selected() (journal.Row, bool) {
	if m.sel < 0 || m.sel >= len(m.rows) {
		return journal.Row{}, false
	}
	return m.rows[m.sel], true
}

// Update handles keys, pages and deletions.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case pageMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.loading, m.loaded, m.err = false, true, msg.err
		if msg.append {
			m.rows = append(m.rows, msg.rows...)
		} else {
			m.rows = msg.rows
		}
		m.next = msg.next
		m.clamp()
		return m, nil
	case deletedMsg:
		if msg.err != nil {
			return m, common.Fail(msg.err)
		}
		return m, tea.Batch(common.Say(fmt.Sprintf("Deleted No #%d.", msg.id)), m.query(false))
	case common.DataChanged:
		return m, m.reload()
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			m.sel--
		} else if msg.Button == tea.MouseWheelDown {
			m.sel++
		}
		m.clamp()
		return m, m.more()
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	if m.typing {
		var cmd tea.Cmd
		m.filter, cmd = m.filter.Update(msg)
		return m, cmd
	}
	return m, nil
}

// reload re-reads as many rows as are loaded now, keeping the selection.
func (m *Model) reload() tea.Cmd {
	m.seq++
	seq, st := m.seq, m.db
	q := journal.Query{Limit: max(pageSize, len(m.rows)), Text: strings.TrimSpace(m.filter.Value())}
	return func() tea.Msg {
		rows, next, err := st.ListRows(q)
		return pageMsg{seq: seq, rows: slices.Collect(rows.All()), next: next, err: err}
	}
}

// more loads the next page when the cursor nears the end.
func (m *Model) more() tea.Cmd {
	if m.next == nil || m.loading || m.sel < len(m.rows)-m.visible() {
		return nil
	}
	return m.query(true)
}

func (m *Model) key(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	if m.ask.Open() {
		if m.ask.Answer(msg) {
			st, id := m.db, m.deleting
			return m, func() tea.Msg { return deletedMsg{id, st.DeleteNo(id)} }
		}
		return m, common.Say("Kept it.")
	}
	if m.typing {
		switch {
		case key.Matches(msg, m.keys.FilterDone):
			m.typing = false
			m.filter.Blur()
			return m, nil
		case key.Matches(msg, m.keys.FilterClear):
			m.typing = false
			m.filter.Blur()
			m.filter.SetValue("")
			return m, m.query(false)
		}
		before := m.filter.Value()
		var cmd tea.Cmd
		m.filter, cmd = m.filter.Update(msg)
		if m.filter.Value() != before {
			m.sel, m.offset = 0, 0
			return m, tea.Batch(cmd, m.query(false))
		}
		return m, cmd
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Filter):
		m.typing = true
		return m, m.filter.Focus()
	case key.Matches(msg, k.Back):
		if m.filter.Value() != "" {
			m.filter.SetValue("")
			return m, m.query(false)
		}
		return m, common.GoBack
	case key.Matches(msg, k.Up):
		m.sel--
	case key.Matches(msg, k.Down):
		m.sel++
	case key.Matches(msg, k.PageUp):
		m.sel -= m.visible()
	case key.Matches(msg, k.PageDown):
		m.sel += m.visible()
	case key.Matches(msg, k.Top):
		m.sel = 0
	case key.Matches(msg, k.Bottom):
		m.sel = len(m.rows) - 1
	case key.Matches(msg, k.Open):
		if n, ok := m.Selected(); ok {
			return m, common.NavigateTo(common.ScreenDetail, n.ID)
		}
	case key.Matches(msg, k.Edit):
		if n, ok := m.Selected(); ok {
			return m, common.NavigateTo(common.ScreenEdit, n.ID)
		}
	case key.Matches(msg, k.Delete):
		if n, ok := m.Selected(); ok {
			m.deleting = n.ID
			m.ask.Ask(fmt.Sprintf("Delete No #%d (%s)? y deletes · any other key keeps it", n.ID, textsafe.Truncate(n.Who, 30)))
		}
		return m, nil
	}
	m.clamp()
	return m, m.more()
}

// View renders the filter, a header and the visible rows only.
func (m *Model) View() string {
	st := m.ctx.Styles
	var b strings.Builder
	if m.typing || m.filter.Value() != "" {
		b.WriteString(m.filter.View())
	} else {
		b.WriteString(st.Muted.Render("/ to filter"))
	}
	b.WriteString("\n")
	if m.err != nil {
		b.WriteString(st.Error.Render("Couldn't read the journal: "+m.err.Error()) + "\n")
		return b.String()
	}
	if m.loaded && len(m.rows) == 0 {
		if m.filter.Value() != "" {
			b.WriteString(st.Muted.Render("Nothing matches — esc clears the filter.") + "\n")
		} else {
			b.WriteString(st.Text.Render(fmt.Sprintf("No No's yet — press esc, then n right after your next %s.", m.ctx.Mode().Words.Event)) + "\n")
		}
		return b.String()
	}
	w := max(30, m.width)
	// date(10) who reason(16) outcome(12) with 2-space gaps.
	reasonW, outcomeW := 16, 12
	whoW := max(8, w-10-reasonW-outcomeW-2*3-2)
	header := "  " + textsafe.PadRight("DATE", 10) + "  " + textsafe.PadRight("WHO", whoW) + "  " +
		textsafe.PadRight("REASON", reasonW) + "  " + textsafe.PadRight("OUTCOME", outcomeW)
	b.WriteString(st.Muted.Render(header) + "\n")
	mode := m.ctx.Mode()
	end := min(len(m.rows), m.offset+m.visible())
	for i := m.offset; i < end; i++ {
		n := m.rows[i]
		reason := n.Reason
		if r, ok := mode.Reason(n.Reason); ok {
			reason = r.Label
		}
		if reason == "" {
			reason = "—"
		}
		line := textsafe.PadRight(string(n.Date), 10) + "  " + textsafe.PadRight(n.Who, whoW) + "  " +
			textsafe.PadRight(reason, reasonW) + "  " + textsafe.PadRight(string(n.Outcome), outcomeW)
		if i == m.sel {
			b.WriteString(st.Selected.Render("› "+line) + "\n")
		} else {
			b.WriteString("  " + st.Text.Render(line) + "\n")
		}
	}
	more := ""
	if m.next != nil {
		more = "+"
	}
	count := fmt.Sprintf("%d%s No's", len(m.rows), more)
	if !m.loaded && len(m.rows) == 0 {
		count = "Reading the journal…" // not "0 No's" for the moment before the first page
	} else if len(m.rows) > 0 {
		count = fmt.Sprintf("%d of %d%s", m.sel+1, len(m.rows), more)
	}
	if m.ask.Open() {
		b.WriteString(m.ask.View(st.Warn, m.width))
	} else {
		b.WriteString(st.Muted.Render(count))
	}
	return b.String()
}
