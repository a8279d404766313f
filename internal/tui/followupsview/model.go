// Package followupsview is the Follow-ups screen: overdue, today and the next 14
// days, plus suggested dates for recent No's that have none. Mark done (then
// the next check-in is offered), snooze, reschedule, set the outcome, open
// the No or its debrief kit.
package followupsview

import (
	"fmt"
	"maps"
	"slices"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// SuggestDays is how far back the Suggested section looks for No's without a follow-up.
const SuggestDays = 30

// prompt is what the bottom lines ask for, if anything (the next
// check-in is a yes/no question of its own).
type prompt int

const (
	promptNone    prompt = iota
	promptDate           // typing a date
	promptOutcome        // picking an outcome
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
	db     Store
	keys   KeyMap
	rows   []row
	groups followup.Groups // the follow-ups read so far
	sugg   []row           // the suggested rows, after the follow-ups
	counts journal.FollowUpCounts
	page   *journal.Cursor // where the next page of follow-ups starts; nil: all read
	read   int             // follow-up rows read
	paging bool            // a page is on its way
	// odds are the follow-ups' odds read so far, by No id (only those
	// with enough No's of their kind in their mode).
	odds   map[uint64]journal.Odds
	loaded bool
	err    error
	sel    int
	selID  uint64 // keeps the cursor on the same No across reloads
	// offset is the first body line shown, moved by follow after every
	// update so that View only draws.
	offset int
	width  int
	height int

	prompt    prompt
	input     textinput.Model
	inputErr  string
	outcome   int // cursor in journal.Outcomes
	target    journal.No
	next      confirm.Model // "Next check-in with … on …?" after a done
	nextDay   journal.Day
	late      confirm.Model // "Close the follow-ups months late?"
	lateIDs   []uint64      // the No's that question (or the date typed after d) is about
	banner    string        // the celebration, until the next key
	seq       int
	lastSaved journal.No
	// stay keeps the cursor at its row, not on the No it was on, when the
	// next list arrives: a snoozed or re-dated follow-up moves away, and
	// the next one to triage moves up into its place.
	stay bool
}

// New builds the screen.
func New(ctx *common.Context, db Store) *Model {
	ti := textinput.New()
	ti.Prompt = "› "
	ti.Placeholder = "in 2 weeks, next tuesday, 2026-12-01…"
	ti.CharLimit = 60
	keys := DefaultKeys()
	return &Model{ctx: ctx, db: db, keys: keys, input: ti, next: confirm.New(keys.Next),
		late: confirm.New(confirm.KeyMap{Yes: keys.Late.Yes, No: keys.Late.No})}
}

// Init loads the follow-ups.
func (m *Model) Init() tea.Cmd { return m.load() }

// Title of the screen.
func (m *Model) Title() string { return "Follow-ups" }

// Capturing while a prompt is open (a typed date, the outcome picker, y/n).
func (m *Model) Capturing() bool { return m.prompt != promptNone || m.next.Open() || m.late.Open() }

// Loading until the first read is in: the root holds keys meanwhile.
func (m *Model) Loading() bool { return !m.loaded }

// SetSize records the space available.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.SetWidth(max(10, w-20))
	m.follow()
}

// Selected is the row under the cursor.
func (m *Model) selected() (row, bool) {
	if m.sel < 0 || m.sel >= len(m.rows) {
		return row{}, false
	}
	return m.rows[m.sel], true
}

// Update handles loads, saves and keys, then keeps the selection in view.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	s, cmd := m.update(msg)
	m.follow()
	if more := m.loadMore(); more != nil {
		cmd = tea.Batch(cmd, more)
	}
	return s, cmd
}

// rebuild lays out the rows: the follow-ups by section, then the suggestions.
func (m *Model) rebuild() {
	m.rows = slices.Grow(m.rows[:0], m.groups.Len()+len(m.sugg))
	for _, l := range []struct {
		s  section
		it []followup.Item
	}{{secOverdue, m.groups.Overdue}, {secToday, m.groups.Today}, {secUpcoming, m.groups.Upcoming}} {
		for _, it := range l.it {
			r := row{sec: l.s, item: it, no: it.No}
			r.item.No = journal.No{} // the row's no is the one used
			m.rows = append(m.rows, r)
		}
	}
	m.rows = append(m.rows, m.sugg...)
}

func (m *Model) update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.loaded, m.err, m.groups, m.sugg = true, msg.err, msg.groups, msg.suggested
		m.counts, m.page, m.read, m.paging = msg.counts, msg.next, msg.read, false
		m.odds = msg.odds
		m.rebuild()
		if m.stay {
			m.stay = false
		} else if i := slices.IndexFunc(m.rows, func(r row) bool { return r.no.ID == m.selID }); i >= 0 {
			m.sel = i
		}
		m.clamp()
		return m, nil
	case lateMsg:
		if msg.err != nil {
			return m, common.Fail(fmt.Errorf("couldn't read the follow-ups: %w", msg.err))
		}
		return m, m.askLate(msg.ids)
	case pageMsg:
		if msg.seq != m.seq {
			return m, nil // a reload since reads the list again
		}
		m.paging = false
		if msg.err != nil {
			return m, common.Fail(fmt.Errorf("couldn't read more follow-ups: %w", msg.err))
		}
		// Pages come in due-date order, so each section only grows at its end.
		m.groups.Overdue = append(m.groups.Overdue, msg.groups.Overdue...)
		m.groups.Today = append(m.groups.Today, msg.groups.Today...)
		m.groups.Upcoming = append(m.groups.Upcoming, msg.groups.Upcoming...)
		m.page, m.read = msg.next, m.read+msg.read
		if m.odds == nil {
			m.odds = map[uint64]journal.Odds{}
		}
		maps.Copy(m.odds, msg.odds)
		m.rebuild()
		m.clamp()
		return m, nil
	case savedMsg:
		if msg.err != nil {
			return m, common.Fail(msg.err)
		}
		m.lastSaved = msg.no
		m.stay = msg.moved
		cmds := []tea.Cmd{m.load()}
		if msg.celebrate != "" {
			m.banner = msg.celebrate
			cmds = append(cmds, common.Say(msg.celebrate))
		} else if msg.status != "" {
			cmds = append(cmds, common.Say(msg.status))
		}
		if msg.askNext {
			if d, ok := followup.NextCheckIn(msg.no, m.ctx.Today(), m.ctx.Settings.Workweek()); ok {
				m.target, m.nextDay = msg.no, d
				m.next.Ask(fmt.Sprintf("Next check-in with %s on %s? y sets it · n leaves it done", textsafe.Truncate(msg.no.Who, 30), weekday(d)))
			}
		}
		return m, tea.Batch(cmds...)
	case common.DataChanged:
		return m, m.load()
	case tea.MouseWheelMsg:
		// The wheel moves the selection like ↑/↓ (not while a prompt is open).
		if !m.Capturing() {
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

// change applies fn to No id inside one write transaction, so an edit made
// meanwhile in another terminal is neither overwritten nor lost.
func (m *Model) change(id uint64, fn func(n *journal.No) (status, celebrate string, askNext bool)) tea.Cmd {
	m.selID = id
	st, now := m.db, m.ctx.Now()
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

// move is change for a new follow-up date: once saved, the cursor stays
// where it is, on the next follow-up to triage, instead of following the
// No to its new place in the list.
func (m *Model) move(id uint64, fn func(n *journal.No) (status, celebrate string, askNext bool)) tea.Cmd {
	cmd := m.change(id, fn)
	return func() tea.Msg {
		msg := cmd()
		if s, ok := msg.(savedMsg); ok && s.err == nil {
			s.moved = true
			return s
		}
		return msg
	}
}

func (m *Model) clamp() {
	m.sel = max(0, min(m.sel, len(m.rows)-1))
	if r, ok := m.selected(); ok {
		m.selID = r.no.ID
	}
}
