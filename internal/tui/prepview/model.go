// Package prepview is the prep card: what to read in the minutes before
// reaching out to someone again (their No's in their own words, their
// condition and whether it is met, the next step, what similar No's
// taught, how often this kind of no turned around, a research checklist
// and an opening line). A typed name that matches several prospects
// opens a picker first.
package prepview

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/prep"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Store is what the screen reads and writes (*store.Store is one): the
// card's bounded reads, the prospects a typed name matches, and a patch
// of one No (the condition marked met).
type Store interface {
	prep.Store
	MatchProspects(query string, limit int) ([]journal.ProspectMatch, bool, error)
	PatchNo(id uint64, now time.Time, fn func(*journal.No) error) (journal.No, error)
}

// maxPick is how many prospects the picker lists.
const maxPick = 20

// Model is the screen.
type Model struct {
	ctx    *common.Context
	db     Store
	typed  string // the name as typed
	keys   KeyMap
	state  state
	err    error
	picks  []journal.ProspectMatch
	more   bool // more matched than picks
	sel    int
	picked bool // the card was chosen in the picker (esc returns to it)
	card   prep.Card
	offset int
	width  int
	height int
}

type state int

const (
	loading state = iota
	picking
	showing
	nobody
)

type matchedMsg struct {
	picks []journal.ProspectMatch
	more  bool
	card  *prep.Card
	err   error
}

type cardMsg struct {
	card prep.Card
	err  error
}

// savedMsg is the condition marked (or unmarked) met.
type savedMsg struct {
	n   journal.No
	err error
}

// New opens the card of name (matched by the start of its words).
func New(ctx *common.Context, db Store, name string) *Model {
	return &Model{ctx: ctx, db: db, typed: strings.Join(strings.Fields(name), " "), keys: DefaultKeys()}
}

// Init resolves the name and, for one prospect, loads the card.
func (m *Model) Init() tea.Cmd {
	st, typed, modeOf := m.db, m.typed, m.modeOf
	return func() tea.Msg {
		if typed == "" {
			return matchedMsg{}
		}
		ms, more, err := st.MatchProspects(typed, maxPick)
		if err != nil || len(ms) != 1 {
			return matchedMsg{picks: ms, more: more, err: err}
		}
		c, err := prep.Load(st, ms[0].Name, modeOf)
		return matchedMsg{picks: ms, card: &c, err: err}
	}
}

// load reads the card of the prospect named name (whole).
func (m *Model) load(name string) tea.Cmd {
	st, modeOf := m.db, m.modeOf
	return func() tea.Msg {
		c, err := prep.Load(st, name, modeOf)
		return cardMsg{card: c, err: err}
	}
}

// modeOf is a No's mode: its own, else the one in use.
func (m *Model) modeOf(id string) *coach.Mode {
	if md, err := m.ctx.Catalog.Mode(id); err == nil && id != "" {
		return md
	}
	return m.ctx.Mode()
}

// Title of the screen.
func (m *Model) Title() string {
	if m.state == showing && m.card.Who != "" {
		return "Prep · " + textsafe.Truncate(m.card.Who, 30)
	}
	return "Prep · " + textsafe.Truncate(m.typed, 30)
}

// Capturing: never.
func (m *Model) Capturing() bool { return false }

// Loading until the name is resolved: the root holds keys meanwhile.
func (m *Model) Loading() bool { return m.state == loading }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap {
	if m.state == picking {
		return m.keys.Pick
	}
	return m.keys
}

// SetSize records the space available.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clamp()
}

// Card is the card shown (tests, the accessible text).
func (m *Model) Card() prep.Card { return m.card }

// Update handles keys and loads.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case matchedMsg:
		m.err, m.picks, m.more = msg.err, msg.picks, msg.more
		switch {
		case msg.err != nil:
			m.state = showing
		case msg.card != nil:
			m.state, m.card = showing, *msg.card
		case len(msg.picks) == 0:
			m.state = nobody
		default:
			m.state = picking
		}
	case cardMsg:
		m.state, m.card, m.err = showing, msg.card, msg.err
		m.clamp()
	case savedMsg:
		if msg.err != nil {
			return m, common.Fail(fmt.Errorf("couldn't save the condition: %w", msg.err))
		}
		say := fmt.Sprintf("Marked “%s” as met.", textsafe.Truncate(msg.n.Change, 40))
		if !msg.n.ConditionMet {
			say = fmt.Sprintf("“%s” is not met yet.", textsafe.Truncate(msg.n.Change, 40))
		}
		return m, tea.Batch(m.load(m.card.Who), common.Say(say))
	case common.DataChanged:
		if m.state == showing && m.err == nil && m.card.Who != "" {
			return m, m.load(m.card.Who)
		}
	case tea.KeyPressMsg:
		if m.state == picking {
			return m.pickKey(msg)
		}
		return m.cardKey(msg)
	}
	return m, nil
}

func (m *Model) pickKey(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	k := m.keys.Pick
	switch {
	case key.Matches(msg, k.Back):
		return m, common.GoBack
	case key.Matches(msg, k.Up):
		m.sel = max(0, m.sel-1)
	case key.Matches(msg, k.Down):
		m.sel = min(len(m.picks)-1, m.sel+1)
	case key.Matches(msg, k.Open) && len(m.picks) > 0:
		m.picked, m.state, m.offset = true, loading, 0
		return m, m.load(m.picks[m.sel].Name)
	}
	return m, nil
}

func (m *Model) cardKey(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	k := m.keys
	ok := m.state == showing && m.err == nil
	switch {
	case key.Matches(msg, k.Back):
		if m.picked && len(m.picks) > 1 {
			m.state, m.err = picking, nil
			return m, nil
		}
		return m, common.GoBack
	case key.Matches(msg, k.Up):
		m.offset = max(0, m.offset-1)
	case key.Matches(msg, k.Down):
		m.offset++
		m.clamp()
	case key.Matches(msg, k.Condition) && ok:
		if m.card.ConditionID == 0 {
			return m, common.Say("No condition to mark yet: ask what would need to change, then add it with e on the No.")
		}
		id, met, st, now := m.card.ConditionID, !m.card.ConditionMet, m.db, m.ctx.Now()
		return m, func() tea.Msg {
			n, err := st.PatchNo(id, now, func(n *journal.No) error { n.ConditionMet = met; return nil })
			return savedMsg{n: n, err: err}
		}
	case key.Matches(msg, k.Who) && ok && m.card.Who != "":
		who := m.card.Who
		return m, func() tea.Msg { return common.Navigate{To: common.ScreenWho, Name: who} }
	case key.Matches(msg, k.Debrief) && ok && m.card.Focus != nil:
		id := m.card.Focus.ID
		if m.card.DebriefID != 0 {
			id = m.card.DebriefID
		}
		return m, common.NavigateTo(common.ScreenDebrief, id)
	}
	return m, nil
}

// clamp keeps the scroll offset within the card's lines.
func (m *Model) clamp() {
	if m.state != showing {
		m.offset = 0
		return
	}
	lines := m.lines(max(20, m.width))
	m.offset = max(0, min(m.offset, len(lines)-max(1, m.height)))
}
