// Package journalview lists every No, newest first, a page at a time, with a
// text filter. Only visible rows are rendered.
package journalview

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// pageSize is how many No's one store read fetches; maxRows is the most the
// screen holds at once (a window of the listing that slides as the cursor
// moves), so a journal of any size costs the same memory.
const (
	pageSize = 200
	maxRows  = 3 * pageSize
)

// Store is what the journal list reads and writes (*store.Store is one).
type Store interface {
	ListRows(q journal.Query) (*journal.Rows, *journal.Cursor, error)
	CountRows(q journal.Query) (int, error)
	DeleteNo(id uint64) error
}

// Model is the journal list.
type Model struct {
	ctx    *common.Context
	db     Store
	keys   KeyMap
	filter textinput.Model
	typing bool // the filter has focus
	// rows are a window of the listing, newest first: rows[0] is the
	// listing's row base, and newer/older say whether rows lie above and
	// below the window (loaded a page at a time as the cursor nears them).
	rows         []journal.Row
	base         int
	total        int // rows in the whole listing (the filter's matches)
	newer, older bool
	loading      bool
	loaded       bool
	seq          int  // ignores results of superseded queries
	openOnLoad   bool // enter in the filter came before its rows: open the first once they land
	sel          int  // index in rows
	offset       int
	width        int
	height       int
	ask          confirm.Model // "Delete No #…?"
	deleting     uint64        // the No the question names (a reload may move the cursor)
	err          error
}

// load says which part of the listing a read fetches.
type load int

const (
	loadTop    load = iota // the newest page (a new filter, g)
	loadOlder              // the page below the window
	loadNewer              // the page above the window
	loadOldest             // the last page of the listing (G)
	loadAgain              // the window again, where it is (after a change)
)

type pageMsg struct {
	seq   int
	load  load
	rows  []journal.Row
	more  bool // rows lie beyond the page, in the direction it was read
	total int
	base  int // loadAgain: the window's first row's place now
	err   error
}

type deletedMsg struct {
	id  uint64
	err error
}

// New builds the journal screen.
func New(ctx *common.Context, db Store) *Model {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = "filter by who, words, outcome, reason:price, kind:, tag:…"
	ti.CharLimit = 200
	return &Model{ctx: ctx, db: db, keys: DefaultKeys(), filter: ti, ask: confirm.New(deleteKeys)}
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.read(loadTop) }

// baseQuery is the filter as a query: the words of an outcome the rows show
// ("closed" or "let go", "following up") select that outcome, the rest
// search the text.
func (m *Model) baseQuery() journal.Query {
	var q journal.Query
	text, outcome := splitOutcome(splitFields(m.filter.Value(), &q)) // reason:price (fields.go)
	q.Text = text
	if q.Outcome == "" {
		q.Outcome = string(outcome)
	}
	return q
}

func cursorOf(r journal.Row) *journal.Cursor { return &journal.Cursor{Date: r.Date, ID: r.ID} }

// read fetches part of the listing (and counts the whole) in a command.
func (m *Model) read(l load) tea.Cmd {
	m.seq++
	m.loading = true
	seq, st := m.seq, m.db
	q := m.baseQuery()
	count := q
	page := q
	page.Limit = pageSize
	switch l {
	case loadOlder:
		page.Before = cursorOf(m.rows[len(m.rows)-1])
	case loadNewer:
		page.After = cursorOf(m.rows[0])
	case loadOldest:
		page.Oldest = true
	case loadAgain:
		if len(m.rows) > 0 && m.base > 0 {
			// From the window's first row down (Before is exclusive: the
			// next id up on the same day includes the row itself).
			first := m.rows[0]
			page.Before = &journal.Cursor{Date: first.Date, ID: first.ID + 1}
		}
		page.Limit = max(pageSize, len(m.rows))
	}
	return func() tea.Msg {
		rows, next, err := st.ListRows(page)
		if err != nil {
			return pageMsg{seq: seq, load: l, err: err}
		}
		msg := pageMsg{seq: seq, load: l, rows: slices.Collect(rows.All()), more: next != nil}
		if msg.total, err = st.CountRows(count); err != nil {
			return pageMsg{seq: seq, load: l, err: err}
		}
		if l == loadAgain && page.Before != nil && len(msg.rows) > 0 {
			above := count
			above.After = cursorOf(msg.rows[0])
			if msg.base, err = st.CountRows(above); err != nil {
				return pageMsg{seq: seq, load: l, err: err}
			}
		}
		return msg
	}
}

// place applies a page to the window.
func (m *Model) place(msg pageMsg) {
	m.total = msg.total
	switch msg.load {
	case loadTop:
		m.rows, m.base, m.newer, m.older = msg.rows, 0, false, msg.more
	case loadAgain:
		m.rows, m.base, m.newer, m.older = msg.rows, msg.base, msg.base > 0, msg.more
	case loadOldest:
		m.rows, m.newer, m.older = msg.rows, msg.more, false
		m.base = max(0, m.total-len(m.rows))
		m.sel = len(m.rows) - 1
	case loadOlder:
		m.rows, m.older = append(m.rows, msg.rows...), msg.more
		if drop := len(m.rows) - maxRows; drop > 0 {
			m.rows = slices.Clone(m.rows[drop:])
			m.base += drop
			m.sel -= drop
			m.offset -= drop
			m.newer = true
		}
	case loadNewer:
		n := len(msg.rows)
		m.rows, m.newer = append(msg.rows, m.rows...), msg.more
		m.base = max(0, m.base-n)
		if !m.newer {
			m.base = 0 // the top: whatever changed above while the window was away
		}
		m.sel += n
		m.offset += n
		if len(m.rows) > maxRows {
			m.rows = slices.Clone(m.rows[:maxRows])
			m.older = true
		}
	}
	if m.base == 0 {
		m.newer = false
	}
	m.clamp()
}

// Title of the screen.
func (m *Model) Title() string { return "Journal" }

// Capturing while the filter has focus or a delete is being confirmed.
func (m *Model) Capturing() bool { return m.typing || m.ask.Open() }

// Loading until the first read is in: the root holds keys meanwhile.
func (m *Model) Loading() bool { return !m.loaded }

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
		if msg.err != nil {
			m.openOnLoad = false
			return m, nil
		}
		m.place(msg)
		if m.openOnLoad {
			m.openOnLoad = false
			return m, m.open()
		}
		return m, m.more()
	case deletedMsg:
		if msg.err != nil {
			return m, common.Fail(msg.err)
		}
		return m, tea.Batch(common.Say(fmt.Sprintf("Deleted No #%d.", msg.id)), m.read(loadAgain))
	case common.DataChanged:
		return m, m.read(loadAgain)
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

// more loads the page beyond the window's edge when the cursor nears it.
func (m *Model) more() tea.Cmd {
	switch {
	case m.loading || len(m.rows) == 0:
		return nil
	case m.older && m.sel >= len(m.rows)-m.visible():
		return m.read(loadOlder)
	case m.newer && m.sel < m.visible():
		return m.read(loadNewer)
	}
	return nil
}

// open opens the No under the cursor.
func (m *Model) open() tea.Cmd {
	if n, ok := m.Selected(); ok {
		return common.NavigateTo(common.ScreenDetail, n.ID)
	}
	return nil
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
		case key.Matches(msg, m.keys.FilterOpen):
			// The filter applies as it is typed, so enter has nothing left
			// to apply: it opens the top match (once it has landed) and
			// leaves the filtered list focused behind it for esc to return to.
			m.typing = false
			m.filter.Blur()
			if m.loading {
				m.openOnLoad = true
				return m, nil
			}
			return m, m.open()
		case key.Matches(msg, m.keys.FilterDone):
			m.typing = false
			m.filter.Blur()
			return m, nil
		case key.Matches(msg, m.keys.FilterClear):
			m.typing = false
			m.filter.Blur()
			m.filter.SetValue("")
			m.sel, m.offset = 0, 0
			return m, m.read(loadTop)
		}
		before := m.filter.Value()
		var cmd tea.Cmd
		m.filter, cmd = m.filter.Update(msg)
		if m.filter.Value() != before {
			m.sel, m.offset = 0, 0
			return m, tea.Batch(cmd, m.read(loadTop))
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
			m.sel, m.offset = 0, 0
			return m, m.read(loadTop)
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
		if m.newer {
			return m, m.read(loadTop)
		}
	case key.Matches(msg, k.Bottom):
		// Straight to the oldest No: one page read from the index's old
		// end, not every page in between.
		m.sel = len(m.rows) - 1
		if m.older {
			return m, m.read(loadOldest)
		}
	case key.Matches(msg, k.Open):
		return m, m.open()
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
	end := min(len(m.rows), m.offset+m.visible())
	cells := make([][3]string, 0, end-m.offset)
	for _, n := range m.rows[m.offset:end] {
		cells = append(cells, m.cells(n))
	}
	ws := columnWidths(max(30, m.width)-2, cells)
	line := func(date string, c [3]string) string {
		return textsafe.PadRight(date, dateW) + gap + textsafe.PadRight(c[0], ws[0]) + gap +
			textsafe.PadRight(c[1], ws[1]) + gap + textsafe.PadRight(c[2], ws[2])
	}
	b.WriteString(st.Muted.Render("  "+line("DATE", headers)) + "\n")
	for i, c := range cells {
		l := line(string(m.rows[m.offset+i].Date), c)
		if m.offset+i == m.sel {
			b.WriteString(st.Selected.Render("› "+l) + "\n")
		} else {
			b.WriteString("  " + st.Text.Render(l) + "\n")
		}
	}
	count := fmt.Sprintf("%s No's", thousands(m.total))
	if !m.loaded && len(m.rows) == 0 {
		count = "Reading the journal…" // not "0 No's" for the moment before the first page
	} else if len(m.rows) > 0 {
		count = fmt.Sprintf("%s of %s", thousands(m.base+m.sel+1), thousands(m.total))
	}
	if m.ask.Open() {
		b.WriteString(m.ask.View(st.Warn, m.width))
	} else {
		b.WriteString(st.Muted.Render(count))
	}
	return b.String()
}

// cells are a row's WHO, REASON and OUTCOME as shown.
func (m *Model) cells(n journal.Row) [3]string {
	reason := n.Reason
	if r, ok := m.ctx.Mode().Reason(n.Reason); ok {
		reason = r.Label
	}
	if reason == "" {
		reason = "—"
	}
	return [3]string{textsafe.Inline(n.Who), textsafe.Inline(reason), outcomeWords(n.Outcome)}
}

// The table: DATE is fixed; WHO, REASON and OUTCOME share the rest.
const (
	dateW = 10
	gap   = "  "
)

var headers = [3]string{"WHO", "REASON", "OUTCOME"}

// colCap is the most a column asks for; colMin the least it keeps.
var (
	colCap = [3]int{32, 28, 14}
	colMin = [3]int{8, 6, 4}
)

// columnWidths shares width (the line without the cursor mark) among WHO,
// REASON and OUTCOME by need: each asks for its widest cell among the
// visible rows (or its header) up to a cap. When the asks do not fit, the
// column with the most to spare gives way first, down to its minimum; when
// they do, what is left goes, a column at a time, to the columns cut at
// their cap, up to their need. Width nobody needs stays at the line's end
// rather than opening a gap between WHO and REASON.
func columnWidths(width int, cells [][3]string) [3]int {
	avail := width - dateW - 3*len(gap)
	var need, ws [3]int
	for i := range ws {
		need[i] = textsafe.Width(headers[i])
		for _, c := range cells {
			need[i] = max(need[i], textsafe.Width(c[i]))
		}
		ws[i] = min(need[i], colCap[i])
	}
	for ws[0]+ws[1]+ws[2] > avail {
		w := 0 // the column with the most to spare
		for i := 1; i < 3; i++ {
			if ws[i]-colMin[i] > ws[w]-colMin[w] {
				w = i
			}
		}
		if ws[w] <= colMin[w] {
			break
		}
		ws[w]--
	}
	for left := avail - ws[0] - ws[1] - ws[2]; left > 0; {
		gave := false
		for i := range ws {
			if left > 0 && ws[i] < need[i] {
				ws[i]++
				left--
				gave = true
			}
		}
		if !gave {
			break
		}
	}
	return ws
}

// thousands is n with thousands separated: 100,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
