// Package detailview shows one No in full, with edit and delete.
package detailview

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
	"github.com/rebound-coach/rebound/internal/words"
)

// Store is what the detail screen reads and writes (*store.Store is one):
// the outcome is set as a patch inside one write, as on the follow-ups list.
type Store interface {
	GetNo(id uint64) (journal.No, error)
	DeleteNo(id uint64) error
	PatchNo(id uint64, now time.Time, fn func(n *journal.No) error) (journal.No, error)
	AddWin(w *journal.Win, now time.Time) error
}

// Model shows one No.
type Model struct {
	ctx    *common.Context
	db     Store
	id     uint64
	no     journal.No
	loaded bool
	err    error
	ask    confirm.Model // "Delete No #…?"
	winAsk confirm.Model // "Log a win … from No #…'s referral?"
	fuAsk  confirm.Model // "Follow up with … (their referral)?"
	// picking: the outcome picker is open, on journal.Outcomes[pick].
	picking bool
	pick    int
	vp      viewport.Model
	keys    KeyMap
	width   int
	height  int
}

type loadedMsg struct {
	no  journal.No
	err error
}

type deletedMsg struct{ err error }

// New opens No id.
func New(ctx *common.Context, db Store, id uint64) *Model {
	return &Model{ctx: ctx, db: db, id: id, vp: viewport.New(), keys: DefaultKeys(), ask: confirm.New(deleteKeys), winAsk: confirm.New(winKeys), fuAsk: confirm.New(followKeys)}
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
func (m *Model) Title() string { return fmt.Sprintf("No #%d", m.id) }

// Capturing while a delete is being confirmed or the outcome picked.
func (m *Model) Capturing() bool {
	return m.ask.Open() || m.winAsk.Open() || m.fuAsk.Open() || m.picking
}

// Loading until the first read is in: the root holds keys meanwhile.
func (m *Model) Loading() bool { return !m.loaded }

// Keys for the footer and help: y and any other key while asking.
func (m *Model) Keys() help.KeyMap {
	if m.ask.Open() {
		return m.ask.Help()
	}
	if m.winAsk.Open() {
		return m.winAsk.Help()
	}
	if m.fuAsk.Open() {
		return m.fuAsk.Help()
	}
	if m.picking {
		return m.keys.Pick
	}
	k := m.keys
	k.Win.SetEnabled(m.hasReferral())
	k.FollowReferral.SetEnabled(m.hasReferral())
	return fitted{k, m.width}
}

// SetSize sizes the scrolling body.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.vp.SetWidth(w)
	m.layout()
	m.render()
}

// layout gives the No the lines the picker (or the question's line) leaves.
func (m *Model) layout() {
	below := 1
	if m.picking {
		below = pickLines
	}
	m.vp.SetHeight(max(1, m.height-below))
}

// Update handles keys and loads.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.loaded, m.no, m.err = true, msg.no, msg.err
		m.render()
		return m, nil
	case outcomeSet:
		if msg.err != nil {
			return m, common.Fail(msg.err)
		}
		m.no = msg.no
		m.render()
		return m, common.Say(msg.status)
	case winLogged:
		return m, m.logged(msg)
	case referralFollowed:
		return m, m.followed(msg)
	case deletedMsg:
		if msg.err != nil {
			return m, common.Fail(msg.err)
		}
		return m, tea.Batch(common.Say(fmt.Sprintf("Deleted No #%d.", m.id)), common.GoBack)
	case common.DataChanged:
		return m, m.load()
	case tea.KeyPressMsg:
		if m.ask.Open() {
			if m.ask.Answer(msg) {
				st, id := m.db, m.id
				return m, func() tea.Msg { return deletedMsg{st.DeleteNo(id)} }
			}
			return m, common.Say("Kept it.")
		}
		if m.winAsk.Open() {
			return m, m.answerWin(msg)
		}
		if m.fuAsk.Open() {
			return m, m.answerFollow(msg)
		}
		if m.picking {
			return m.pickKey(msg)
		}
		k := m.keys
		switch {
		case key.Matches(msg, k.Back):
			return m, common.GoBack
		case key.Matches(msg, k.Reframe) && m.err == nil:
			return m, common.NavigateTo(common.ScreenReframe, m.id)
		case key.Matches(msg, k.Debrief) && m.err == nil:
			return m, common.NavigateTo(common.ScreenDebrief, m.id)
		case key.Matches(msg, k.Who) && m.loaded && m.err == nil:
			who := m.no.Who
			return m, func() tea.Msg { return common.Navigate{To: common.ScreenWho, Name: who} }
		case key.Matches(msg, k.Prep) && m.loaded && m.err == nil:
			who := m.no.Who
			return m, func() tea.Msg { return common.Navigate{To: common.ScreenPrep, Name: who} }
		case key.Matches(msg, k.Outcome) && m.loaded && m.err == nil:
			m.openPicker()
			return m, nil
		case key.Matches(msg, k.Edit) && m.err == nil:
			return m, common.NavigateTo(common.ScreenEdit, m.id)
		case key.Matches(msg, k.Win) && m.hasReferral():
			m.askWin()
			return m, nil
		case key.Matches(msg, k.FollowReferral) && m.hasReferral():
			m.askFollow()
			return m, nil
		case key.Matches(msg, k.Delete) && m.err == nil:
			m.ask.Ask(fmt.Sprintf("Delete No #%d? y deletes · any other key keeps it", m.id))
			return m, nil
		default:
			k.Scroll(&m.vp, msg)
		}
		return m, nil
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return m, cmd
}

func (m *Model) render() {
	if !m.loaded {
		return
	}
	m.vp.SetContent(Render(m.ctx, m.no, max(20, m.width)))
}

// Render draws a No in full (also used by other screens).
func Render(ctx *common.Context, n journal.No, width int) string {
	st := ctx.Styles
	mode, err := ctx.Catalog.Mode(n.Mode)
	if err != nil {
		mode = ctx.Mode()
	}
	var b strings.Builder
	// Who, then the date, mode and outcome on the same line when they fit
	// (a long name wraps and the rest goes below it).
	who := textsafe.Inline(n.Who)
	meta := fmt.Sprintf("%s · %s · %s", n.Date, mode.Label, n.Outcome.Words())
	if lipgloss.Width(who)+2+lipgloss.Width(meta) <= width {
		b.WriteString(st.Title.Render(who) + "  " + st.Muted.Render(meta) + "\n")
	} else {
		b.WriteString(st.Title.Width(width).Render(who) + "\n" + st.Muted.Render(meta) + "\n")
	}
	if n.Said != "" {
		b.WriteString("\n" + st.Quote.Width(min(width, 100)).Render(textsafe.Block(n.Said)) + "\n")
	}
	field := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		lw := 18 // "Stronger profile" and a gap
		body := lipgloss.NewStyle().Width(max(10, width-lw)).Render(textsafe.Block(value))
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, st.Label.Width(lw).Render(label), st.Value.Render(body)) + "\n")
	}
	b.WriteString("\n")
	reason := func(id string) string {
		if r, ok := mode.Reason(id); ok {
			return r.Label + " (" + id + ")"
		}
		return id
	}
	field("Contact", n.Contact)
	field("Offer", n.Offer)
	field("Channel", n.Channel)
	field("Reason", reason(n.Reason))
	field("In their words", n.ReasonText)
	field("You assumed", reason(n.Assumed))
	var others []string
	for _, id := range n.SecondaryReasons {
		others = append(others, reason(id))
	}
	field("Other reasons", strings.Join(others, ", "))
	field("Stage", mode.StageLabel(n.Stage))
	if k, ok := mode.KindInfo(n.Kind); ok {
		field("Kind of no", k.Label+" — "+k.Explain)
	} else {
		field("Kind of no", string(n.Kind))
	}
	change := n.Change
	if n.ConditionMet && strings.TrimSpace(change) != "" {
		change += " (met)" // marked on the prep card or with edit --condition-met
	}
	field("To revisit", change)
	field(words.Capital(mode.Words.Alt().One), strings.TrimSpace(n.Competitor+"  "+n.CompetitorWhy))
	if n.Feeling > 0 || n.FeelingAfter > 0 {
		// The scale's words at both ends: the daily mood runs the other way.
		f := journal.Sting(n.Feeling)
		if n.FeelingAfter > 0 {
			f = strings.TrimPrefix(f+" → "+journal.Sting(n.FeelingAfter)+" after reframing", " → ")
		}
		field("Sting", f+" ("+journal.StingScale+")")
	}
	// The thought record, when there is one (reframe steps 6-8).
	field("Thought", n.Thought)
	var traps []string
	for _, id := range n.Traps {
		traps = append(traps, mode.TrapName(id))
	}
	field("Traps", strings.Join(traps, ", "))
	field("Supports it", n.EvidenceFor)
	field("Doesn't", n.EvidenceAgainst)
	field("Balanced", n.Balanced)
	field("Prepared", n.Prepared)
	field("Mistake", mode.MistakeLabel(n.Mistake))
	field("Lesson", n.Lesson)
	field("Next step", n.Next)
	field("Referral", referral(n))
	if !n.FollowUp.IsZero() {
		fu := string(n.FollowUp)
		if n.FollowUpDone {
			fu += " (done)"
		}
		field("Follow up", fu)
	}
	field("Tags", strings.Join(n.Tags, ", "))
	if n.Amount != 0 {
		field("Amount", strconv.FormatFloat(n.Amount, 'f', -1, 64))
	}
	field("Imported from", n.Source)
	// Each debrief answer under its whole question (a label column would
	// cut the question at 15 characters).
	for i, a := range n.Debrief {
		label := ""
		if i == 0 {
			label = "Debrief"
		}
		field(label, a.Prompt+"\n→ "+a.Answer)
	}
	if len(n.OutcomeHistory) > 0 {
		var h []string
		for _, c := range n.OutcomeHistory {
			h = append(h, fmt.Sprintf("%s %s", c.At.Local().Format("2006-01-02"), c.Outcome.Words()))
		}
		field("History", strings.Join(h, " → "))
	}
	// A draft waits too, even when its answers are all in: the flow is
	// not done (home marks it the same way).
	switch {
	case n.Draft():
		b.WriteString("\n" + st.Warn.Width(width).Render(fmt.Sprintf("Waiting to be reframed: a draft, at step %d — r picks up where you left off.", n.ReframeStep)) + "\n")
	case !n.Reframed():
		b.WriteString("\n" + st.Warn.Width(width).Render("Waiting to be reframed: a reason, their answer to the turnaround question, and your lesson.") + "\n")
	}
	return b.String()
}

// referral says who they pointed to, or that the ask was made.
func referral(n journal.No) string {
	switch {
	case strings.TrimSpace(n.Referral) != "":
		return n.Referral
	case n.ReferralAsked:
		return "asked; no one named yet"
	}
	return ""
}

// View draws the No.
func (m *Model) View() string {
	st := m.ctx.Styles
	if m.err != nil {
		return st.Error.Render(m.err.Error()) + "\n" + st.Muted.Render("esc goes back")
	}
	if !m.loaded {
		return st.Muted.Render("Loading…")
	}
	if m.picking {
		return m.vp.View() + "\n" + m.pickView()
	}
	if m.winAsk.Open() {
		return m.vp.View() + "\n" + m.winAsk.View(st.Warn, m.width)
	}
	if m.fuAsk.Open() {
		return m.vp.View() + "\n" + m.fuAsk.View(st.Warn, m.width)
	}
	return m.vp.View() + "\n" + m.ask.View(st.Warn, m.width)
}
