// Package insightsview is the Insights screen: the patterns in the user's
// No's for a period they pick (7, 30, 90 days or all), drawn by the render
// package in a scrolling viewport. Reports are computed in a command from
// the store's per-day tallies and kept per period until the journal changes.
package insightsview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/progress"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/render"
	"github.com/rebound-coach/rebound/internal/words"
)

// Store is what the insights screen reads (*store.Store is one): the day
// and month tallies a report is computed from.
type Store interface {
	progress.TallyStore
}

// Model is the screen.
type Model struct {
	ctx     *common.Context
	db      Store
	keys    KeyMap
	period  insights.Period
	reports map[string]insights.Report // by period name; cleared when the journal changes
	seq     int                        // drops results of superseded loads
	loading bool
	err     error
	vp      viewport.Model
	width   int
	height  int

	// rendered is what the viewport holds, so it is redrawn only when the
	// report, the width or the theme changes.
	rendered renderKey
}

type renderKey struct {
	period string
	seq    int
	width  int
	dark   bool
}

type reportMsg struct {
	seq    int
	period insights.Period
	report insights.Report
	// longer are the reports of the longer periods, read when this one has
	// too few No's, up to the first that has enough (see hint).
	longer []periodReport
	err    error
}

type periodReport struct {
	period insights.Period
	report insights.Report
}

// New builds the screen on the default period (30 days).
func New(ctx *common.Context, db Store) *Model {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	return &Model{ctx: ctx, db: db, keys: DefaultKeys(), period: insights.DefaultPeriod, reports: map[string]insights.Report{}, vp: vp}
}

// NewFor builds the screen on the period named (as `--period` spells it:
// 7d, 30d, 90d, all); an empty or unknown name gives the default.
func NewFor(ctx *common.Context, db Store, period string) *Model {
	m := New(ctx, db)
	if p, err := insights.ParsePeriod(period); err == nil {
		m.period = p
	}
	return m
}

// Period is the period shown.
func (m *Model) Period() insights.Period { return m.period }

// Init loads the report.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.seq++
	m.loading = true
	seq, st, mode, p, today := m.seq, m.db, m.ctx.Mode(), m.period, m.ctx.Today()
	return func() tea.Msg {
		r, err := progress.Insights(st, mode, p, today)
		msg := reportMsg{seq: seq, period: p, report: r, err: err}
		if err != nil || r.Enough || p.Days == 0 {
			return msg
		}
		// Too few No's here: which longer period has enough, if any, so
		// the hint never sends the user to another empty page.
		for _, q := range insights.Periods {
			if q.Days != 0 && q.Days <= p.Days {
				continue
			}
			lr, err := progress.Insights(st, mode, q, today)
			if err != nil {
				break
			}
			msg.longer = append(msg.longer, periodReport{q, lr})
			if lr.Enough {
				break
			}
		}
		return msg
	}
}

// Title of the screen.
func (m *Model) Title() string { return "Insights" }

// Capturing: the insights screen never takes text.
func (m *Model) Capturing() bool { return false }

// Loading while a period is read: the root holds keys meanwhile.
func (m *Model) Loading() bool { return m.loading }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap { return fitted{m.keys, m.width} }

// SetSize gives the viewport what is left under the period line.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.vp.SetWidth(max(0, w))
	m.vp.SetHeight(max(0, h-3))
	m.sync()
}

func (m *Model) choose(p insights.Period) tea.Cmd {
	if p == m.period {
		return nil
	}
	m.period = p
	m.vp.GotoTop()
	if _, ok := m.reports[p.Name]; ok {
		m.sync()
		return nil
	}
	return m.load()
}

func (m *Model) step(d int) tea.Cmd {
	i := 0
	for j, p := range insights.Periods {
		if p == m.period {
			i = j
		}
	}
	n := len(insights.Periods)
	return m.choose(insights.Periods[((i+d)%n+n)%n])
}

// Update handles keys and reports.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case reportMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.loading, m.err = false, msg.err
		if msg.err == nil {
			m.reports[msg.period.Name] = msg.report
			for _, l := range msg.longer {
				m.reports[l.period.Name] = l.report
			}
		}
	case common.DataChanged, common.SettingsChanged:
		clear(m.reports)
		cmd = m.load()
	case tea.MouseWheelMsg:
		m.vp, _ = m.vp.Update(msg)
	case tea.KeyPressMsg:
		k := m.keys
		switch {
		case key.Matches(msg, k.Back):
			return m, common.GoBack
		case key.Matches(msg, k.P7):
			cmd = m.choose(insights.Periods[0])
		case key.Matches(msg, k.P30):
			cmd = m.choose(insights.Periods[1])
		case key.Matches(msg, k.P90):
			cmd = m.choose(insights.Periods[2])
		case key.Matches(msg, k.All):
			cmd = m.choose(insights.Periods[3])
		case key.Matches(msg, k.Next):
			cmd = m.step(1)
		case key.Matches(msg, k.Prev):
			cmd = m.step(-1)
		case key.Matches(msg, k.Experiment):
			cmd = common.NavigateTo(common.ScreenExperiment, 0)
		default:
			k.Scroll(&m.vp, msg)
		}
	}
	m.sync()
	return m, cmd
}

// sync redraws the viewport's content when the report, the width or the
// theme changed. Rendering is a few hundred microseconds; the report itself
// is computed only in load's command.
func (m *Model) sync() {
	r, ok := m.reports[m.period.Name]
	if !ok {
		return
	}
	k := renderKey{period: m.period.Name, seq: m.seq, width: m.width, dark: m.ctx.Styles.IsDark}
	if k == m.rendered {
		return
	}
	m.rendered = k
	off := m.vp.YOffset()
	m.vp.SetContent(m.content(r))
	m.vp.SetYOffset(off)
}

// maxChartWidth keeps bars readable on wide terminals: past it, longer bars
// only make shares harder to compare by eye.
const maxChartWidth = 110

func (m *Model) content(r insights.Report) string {
	w := max(1, min(m.width, maxChartWidth))
	body := render.Insights(r, w, render.Themed(m.ctx.Styles))
	if hint := m.hint(r); hint != "" {
		body += "\n\n" + m.ctx.Styles.Muted.Width(w).Render(hint)
	}
	return body
}

// hint points to a longer period only when one is known to have enough
// No's for patterns (load reads them when this one has too few), and never
// to all time when all time is empty too.
func (m *Model) hint(r insights.Report) string {
	if r.Enough {
		return ""
	}
	all, allRead := m.reports["all"]
	empty := r.Total == 0 && (m.period.Days == 0 || allRead && all.Total == 0)
	for i, p := range insights.Periods {
		if p.Days != 0 && p.Days <= m.period.Days || m.period.Days == 0 {
			continue
		}
		if lr, ok := m.reports[p.Name]; ok && lr.Enough {
			label := p.Label()
			if p.Days > 0 {
				label = "the " + label
			}
			return fmt.Sprintf("Press %d for %s: %s there, enough to show patterns.", i+1, label, words.Count(lr.Total, "No", "No's"))
		}
	}
	switch {
	case empty:
		// Reports count the mode in use: other modes' No's may be there.
		return fmt.Sprintf("No %s No's yet: press esc, then n on home, to log one. Patterns show up here once there are a few.", m.ctx.Mode().Label)
	case r.Total == 0 && allRead && all.Total > 0:
		return fmt.Sprintf("Press 4 for all time (%s), or log a No (esc, then n) right after your next %s.", words.Count(all.Total, "No", "No's"), m.ctx.Mode().Words.Event)
	}
	return ""
}

// View draws the period switch, the report and a scroll hint.
func (m *Model) View() string {
	st := m.ctx.Styles
	w := max(1, m.width)
	var b strings.Builder
	b.WriteString(m.periodLine(w) + "\n\n")
	_, have := m.reports[m.period.Name]
	switch {
	case m.err != nil:
		b.WriteString(st.Error.Width(w).Render("Couldn't read the journal: " + m.err.Error()))
		return b.String()
	case !have:
		b.WriteString(st.Muted.Render("Looking for patterns…"))
		return b.String()
	}
	b.WriteString(m.vp.View())
	if m.vp.TotalLineCount() > m.vp.Height() && m.vp.Height() > 0 {
		var hint string
		switch {
		case m.vp.AtBottom():
			hint = "end · k/pgup scrolls back"
		default:
			hint = fmt.Sprintf("↓ more · j/pgdn · %d%%", int(m.vp.ScrollPercent()*100))
		}
		b.WriteString("\n" + st.Muted.Render(truncate(hint, w)))
	}
	return b.String()
}

// periodLine shows the four periods with their keys; the chosen one is in
// brackets, so it reads without colour.
func (m *Model) periodLine(w int) string {
	st := m.ctx.Styles
	parts := make([]string, len(insights.Periods))
	for i, p := range insights.Periods {
		label := p.Label()
		if p.Days > 0 {
			label = fmt.Sprintf("%d days", p.Days)
		}
		if w < 50 {
			label = p.Name
		}
		text := fmt.Sprintf("%d %s", i+1, label)
		if p == m.period {
			text = "[" + text + "]"
			parts[i] = st.Selected.Render(text)
		} else {
			parts[i] = st.Muted.Render(" " + text + " ")
		}
	}
	line := strings.Join(parts, " ")
	if m.loading {
		line += st.Faint.Render(" …")
	}
	return line
}

func truncate(s string, w int) string {
	r := []rune(s)
	if len(r) <= w {
		return s
	}
	return string(r[:max(0, w)])
}
