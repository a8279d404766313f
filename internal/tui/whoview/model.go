// Package whoview is one prospect's history, for the minutes before the
// next call: every No from them with its reason, turnaround answer, debrief
// answers and outcome, the open follow-up, and any wins.
package whoview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/words"
)

// Store is what the who screen reads (*store.Store is one): a page of the
// prospect's No's at a time with their counts, and their wins.
type Store interface {
	Prospect(name string, limit int, before *journal.Cursor) (journal.Prospect, error)
	WinsByWho(name string) ([]journal.Win, error)
	MatchProspects(query string, limit int) ([]journal.ProspectMatch, bool, error)
}

// maxPick is how many prospects a name that matches several lists.
const maxPick = 20

// PageSize is how many No's one read brings; the next page is read as the
// selection nears the last No read, so a prospect with thousands of No's
// opens as fast as one with three.
const PageSize = 50

// Model is the screen.
type Model struct {
	ctx    *common.Context
	db     Store
	name   string
	keys   KeyMap
	p      journal.Prospect // counts, latest outcome, open follow-up
	nos    []journal.No     // the pages read so far, newest first
	next   *journal.Cursor  // where the next page starts; nil: all read
	more   bool             // a page is on its way
	wins   []journal.Win
	loaded bool
	err    error
	// picks are the prospects a typed name matches when it matches
	// several: the screen lists them until one is chosen (pickSel).
	picks   []journal.ProspectMatch
	pickSel int
	sel     int
	offset  int
	width   int
	height  int
}

type loadedMsg struct {
	p     journal.Prospect
	wins  []journal.Win
	err   error
	name  string                  // the prospect the typed name found
	picks []journal.ProspectMatch // several found: pick one
}

// pageMsg is the next page of the list.
type pageMsg struct {
	p   journal.Prospect
	err error
}

// New opens the history of name (matched case-insensitively).
func New(ctx *common.Context, db Store, name string) *Model {
	return &Model{ctx: ctx, db: db, name: strings.TrimSpace(name), keys: DefaultKeys()}
}

// Init loads the history.
func (m *Model) Init() tea.Cmd { return m.load() }

// load reads the first page again, as long as what is already shown (a
// reload after a change keeps the list the user scrolled through).
func (m *Model) load() tea.Cmd {
	st, name, limit := m.db, m.name, max(PageSize, len(m.nos))
	return func() tea.Msg {
		if name == "" {
			return loadedMsg{}
		}
		// A typed start of a name finds its prospect; several are listed.
		ms, _, err := st.MatchProspects(name, maxPick)
		switch {
		case err != nil:
			return loadedMsg{err: err}
		case len(ms) > 1:
			return loadedMsg{picks: ms}
		case len(ms) == 1:
			name = ms[0].Name
		}
		p, err := st.Prospect(name, limit, nil)
		if err != nil {
			return loadedMsg{err: err}
		}
		wins, err := st.WinsByWho(name)
		return loadedMsg{p: p, wins: wins, err: err, name: name}
	}
}

// loadMore reads the page after the last No read, when the selection is
// near it.
func (m *Model) loadMore() tea.Cmd {
	if m.next == nil || m.more || m.sel < len(m.nos)-PageSize/5 {
		return nil
	}
	m.more = true
	st, name, next := m.db, m.name, *m.next
	return func() tea.Msg {
		p, err := st.Prospect(name, PageSize, &next)
		return pageMsg{p: p, err: err}
	}
}

// Title of the screen.
func (m *Model) Title() string { return "History · " + textsafe.Truncate(m.name, 30) }

// Capturing: never.
func (m *Model) Capturing() bool { return false }

// Loading until the first read is in: the root holds keys meanwhile.
func (m *Model) Loading() bool { return !m.loaded }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap { return m.keys }

// SetSize records the space available.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.follow()
}

// Update handles keys and loads, then keeps the selected No in view.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	s, cmd := m.update(msg)
	m.follow()
	return s, cmd
}

func (m *Model) update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if len(msg.picks) > 0 {
			m.loaded, m.picks, m.pickSel = true, msg.picks, 0
			return m, nil
		}
		if msg.name != "" {
			m.name = msg.name
		}
		m.loaded, m.p, m.nos, m.next, m.wins, m.err, m.more = true, msg.p, msg.p.Nos, msg.p.Next, msg.wins, msg.err, false
		m.sel = max(0, min(m.sel, len(m.nos)-1))
	case pageMsg:
		m.more = false
		if msg.err != nil {
			m.err = msg.err
			break
		}
		if m.next != nil && len(msg.p.Nos) > 0 {
			m.nos = append(m.nos, msg.p.Nos...)
			m.next = msg.p.Next
			m.p.Total, m.p.Yes, m.p.Latest, m.p.OpenFollowUp = msg.p.Total, msg.p.Yes, msg.p.Latest, msg.p.OpenFollowUp
		} else {
			m.next = nil
		}
	case common.DataChanged:
		return m, m.load()
	case tea.KeyPressMsg:
		k := m.keys
		if len(m.picks) > 0 {
			return m.pickKey(msg)
		}
		switch {
		case key.Matches(msg, k.Back):
			return m, common.GoBack
		case key.Matches(msg, k.Up):
			m.sel = max(0, m.sel-1)
		case key.Matches(msg, k.Down):
			m.sel = max(0, min(len(m.nos)-1, m.sel+1))
			return m, m.loadMore()
		case key.Matches(msg, k.Open) && len(m.nos) > 0:
			return m, common.NavigateTo(common.ScreenDetail, m.nos[m.sel].ID)
		case key.Matches(msg, k.Debrief) && len(m.nos) > 0:
			return m, common.NavigateTo(common.ScreenDebrief, m.nos[m.sel].ID)
		case key.Matches(msg, k.Prep) && len(m.nos) > 0:
			who := m.nos[m.sel].Who
			return m, func() tea.Msg { return common.Navigate{To: common.ScreenPrep, Name: who} }
		}
	}
	return m, nil
}

// View draws the summary, the open follow-up and every No.
func (m *Model) View() string {
	st := m.ctx.Styles
	if m.err != nil {
		return st.Error.Render("Couldn't read the history: "+m.err.Error()) + "\n" + st.Muted.Render("esc goes back")
	}
	if !m.loaded {
		return st.Muted.Render("Loading…")
	}
	w := max(20, m.width)
	if len(m.picks) > 0 {
		return m.pickView(w)
	}
	if len(m.nos) == 0 && len(m.wins) == 0 {
		name := textsafe.Inline(m.name)
		return strings.Join([]string{
			st.Title.Render(textsafe.Truncate(name, w)),
			"",
			st.Text.Width(w).Render(fmt.Sprintf("No No's from “%s” yet.", name)),
			st.Muted.Width(w).Render(fmt.Sprintf("Names match by the start of their words, ignoring case. Check the spelling in the journal (j, then / to filter), or log a No from this %s with n on home.", m.ctx.Mode().Words.Who)),
		}, "\n")
	}
	top, lines, _, _ := m.page(w)
	avail := max(1, m.height-len(top))
	// follow placed offset for this state; the clamp only guards.
	offset := max(0, min(m.offset, max(0, len(lines)-avail)))
	shown := lines[offset:min(len(lines), offset+avail)]
	return strings.Join(append(top, shown...), "\n")
}

// follow moves offset so the selected No is in view (and the wins, under
// the last No), for the lines View will draw.
func (m *Model) follow() {
	if !m.loaded || m.err != nil || len(m.nos) == 0 {
		return
	}
	top, lines, starts, ends := m.page(max(20, m.width))
	avail := max(1, m.height-len(top))
	if m.sel < len(starts) {
		if starts[m.sel] < m.offset {
			m.offset = starts[m.sel]
		}
		if ends[m.sel] > m.offset+avail {
			m.offset = max(starts[m.sel], ends[m.sel]-avail)
			if m.sel == len(m.nos)-1 { // show the wins under the last No
				m.offset = max(0, min(starts[m.sel], len(lines)-avail))
			}
		}
	}
	m.offset = max(0, min(m.offset, max(0, len(lines)-avail)))
}

// page is what View lays out at width w: the lines above the list (name,
// summary, open follow-up), the list's lines, and each No's [start, end)
// in them.
func (m *Model) page(w int) (top, lines []string, starts, ends []int) {
	st := m.ctx.Styles
	name := textsafe.Inline(m.name)
	if m.p.Name != "" {
		name = textsafe.Inline(m.p.Name)
	}

	top = append(top, headLines(st, name, coach.ProspectSummary(m.p, m.wins), w)...)
	if m.p.OpenFollowUp != nil {
		fu := *m.p.OpenFollowUp
		today := m.ctx.Today()
		when := fmt.Sprintf("%s (%s)", fu.FollowUp, words.RelDays(today.DaysUntil(fu.FollowUp)))
		line := "▶ Open follow-up: " + when
		if c := strings.TrimSpace(fu.Change); c != "" {
			line += " · to revisit: " + textsafe.Inline(c)
		}
		if x := strings.TrimSpace(fu.Next); x != "" {
			line += " · next: " + textsafe.Inline(x)
		}
		top = append(top, st.Accent.Bold(true).Width(w).Render(line))
	} else {
		top = append(top, st.Muted.Render("No open follow-up."))
	}
	top = append(top, "")

	for i, n := range m.nos {
		starts = append(starts, len(lines))
		lines = append(lines, m.block(n, i == m.sel, m.modeOf(n), w)...)
		ends = append(ends, len(lines))
		lines = append(lines, "")
	}
	if older := m.p.Total - len(m.nos); m.next != nil && older > 0 {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("  %d older %s · ↓ reads them", older, words.Plural(older, "No", "No's"))), "")
	}
	if len(m.wins) > 0 {
		lines = append(lines, st.Subtitle.Render("Wins"))
		for _, wn := range m.wins {
			txt := string(wn.Date) + "  " + textsafe.Inline(wn.What)
			lines = append(lines, "  "+st.Good.Render(cut("★ "+txt, w-2)))
		}
	}
	return top, lines, starts, ends
}

func (m *Model) block(n journal.No, selected bool, mode *coach.Mode, w int) []string {
	st := m.ctx.Styles
	head := fmt.Sprintf("%s  #%d", n.Date, n.ID)
	var tags []string
	if n.Reason != "" {
		tags = append(tags, mode.ReasonLabel(n.Reason))
	}
	if ki, ok := mode.KindInfo(n.Kind); ok {
		tags = append(tags, ki.Label)
	}
	tags = append(tags, n.Outcome.Words())
	head += "  " + strings.Join(tags, " · ")
	head = cut(head, w-2)
	var out []string
	if selected {
		out = append(out, st.Selected.Render("› "+head))
	} else {
		out = append(out, "  "+st.Text.Bold(true).Render(head))
	}
	lw := 18 // "Stronger profile" and a gap
	field := func(label, value string, style lipgloss.Style) {
		if strings.TrimSpace(value) == "" {
			return
		}
		if label == "" {
			label = " "
		}
		body := style.Width(max(10, w-lw-4)).Render(textsafe.Block(value))
		out = append(out, strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, "    ", st.Label.Width(lw).Render(label), body), "\n")...)
	}
	if n.Said != "" {
		field("They said", "“"+n.Said+"”", st.Text.Italic(true))
	}
	field("In their words", n.ReasonText, st.Value)
	change := n.Change
	if n.ConditionMet && strings.TrimSpace(change) != "" {
		change += " (met)"
	}
	field("To revisit", change, st.Value)
	field(words.Capital(mode.Words.Alt().One), strings.TrimSpace(n.Competitor+"  "+n.CompetitorWhy), st.Value)
	field("Lesson", n.Lesson, st.Value)
	field("Next step", n.Next, st.Value)
	for i, a := range n.Debrief {
		label := ""
		if i == 0 {
			label = "Debrief"
		}
		field(label, textsafe.Inline(a.Prompt)+"\n↳ "+a.Answer, st.Value)
	}
	if !n.FollowUp.IsZero() {
		if n.FollowUpDone {
			field("Follow up", string(n.FollowUp)+" (done)", st.Muted)
		} else {
			field("Follow up", string(n.FollowUp)+" (open)", st.Accent.Bold(true))
		}
	}
	if len(n.OutcomeHistory) > 1 {
		var h []string
		for _, c := range n.OutcomeHistory {
			h = append(h, fmt.Sprintf("%s %s", c.At.Local().Format("2006-01-02"), c.Outcome.Words()))
		}
		field("Outcomes", strings.Join(h, " → "), st.Muted)
	}
	return out
}

func (m *Model) modeOf(n journal.No) *coach.Mode {
	if md, err := m.ctx.Catalog.Mode(n.Mode); err == nil && n.Mode != "" {
		return md
	}
	return m.ctx.Mode()
}

// cut shortens text that is already safe (built from textsafe parts)
// without collapsing its spacing, as textsafe.Truncate would.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, textsafe.Ellipsis)
}

// pickKey moves in the list of prospects a typed name matched; enter
// opens the history of the one chosen.
func (m *Model) pickKey(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return m, common.GoBack
	case key.Matches(msg, k.Up):
		m.pickSel = max(0, m.pickSel-1)
	case key.Matches(msg, k.Down):
		m.pickSel = min(len(m.picks)-1, m.pickSel+1)
	case key.Matches(msg, k.Open):
		m.name, m.picks, m.loaded = m.picks[m.pickSel].Name, nil, false
		return m, m.load()
	}
	return m, nil
}

// pickView lists the prospects a typed name matched.
func (m *Model) pickView(w int) string {
	st := m.ctx.Styles
	out := []string{st.Text.Width(w).Render(fmt.Sprintf("“%s” matches %d %s. Pick one:", textsafe.Inline(m.name), len(m.picks), m.ctx.Mode().Words.WhoPlural)), ""}
	h := max(1, m.height-len(out))
	top := max(0, min(m.pickSel-h+1, len(m.picks)-h))
	for i := top; i < min(len(m.picks), top+h); i++ {
		p := m.picks[i]
		line := cut(fmt.Sprintf("%-30s %s", textsafe.Truncate(p.Name, 30), words.Count(p.Nos, "No", "No's")), w-2)
		if i == m.pickSel {
			out = append(out, st.Selected.Render("› "+line))
		} else {
			out = append(out, "  "+st.Text.Render(line))
		}
	}
	return strings.Join(out, "\n")
}
