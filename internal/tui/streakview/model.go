// Package streakview is the Streak screen: the current and longest streak
// with their dates, this week against the weekly goal, total active days and
// a year heatmap of active days. `t` takes today as a rest day (one a week).
package streakview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/progress"
	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/render"
)

// Store is what the streak screen reads and writes (*store.Store is one).
type Store interface {
	progress.StreakStore
	SetRestDay(d journal.Day, rest bool) error
}

// Model is the screen.
type Model struct {
	ctx    *common.Context
	db     Store
	keys   KeyMap
	in     streak.Input
	res    streak.Result
	loaded bool
	busy   bool // a rest-day change is being saved
	err    error
	width  int
	height int
}

type loadedMsg struct {
	in  streak.Input
	res streak.Result
	err error
}

// restMsg reports a rest-day change: the status sentence, or err.
type restMsg struct {
	text string
	err  error
}

// New builds the screen.
func New(ctx *common.Context, db Store) *Model { return &Model{ctx: ctx, db: db, keys: DefaultKeys()} }

// Init loads the streak.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	st, today, set := m.db, m.ctx.Today(), m.ctx.Settings
	return func() tea.Msg {
		in, res, err := progress.Streak(st, today, set)
		return loadedMsg{in, res, err}
	}
}

// toggleRest marks today as a rest day, or unmarks it. The week's rule is
// checked against the stored rest days, not the loaded ones, so a change
// made from another terminal is respected.
func toggleRest(st Store, today journal.Day) tea.Cmd {
	return func() tea.Msg {
		rest, err := st.RestDays()
		if err != nil {
			return restMsg{err: err}
		}
		if rest[today] {
			if err := st.SetRestDay(today, false); err != nil {
				return restMsg{err: err}
			}
			return restMsg{text: "Today is no longer a rest day."}
		}
		if err := streak.CanRest(rest, today); err != nil {
			if taken := progress.RestInWeek(rest, today); taken != "" {
				return restMsg{text: fmt.Sprintf("This week already has its rest day, %s %s; a week gets one.", taken.Weekday(), taken)}
			}
			return restMsg{err: err}
		}
		if err := st.SetRestDay(today, true); err != nil {
			return restMsg{err: err}
		}
		return restMsg{text: "Today is a rest day: your streak keeps going without counting it. Press t again to undo."}
	}
}

// Title of the screen.
func (m *Model) Title() string { return "Streak" }

// Capturing: the streak screen never takes text.
func (m *Model) Capturing() bool { return false }

// Loading until the first read is in: the root holds keys meanwhile.
func (m *Model) Loading() bool { return !m.loaded }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap { return m.keys }

// SetSize records the space available.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Update handles keys and loaded data.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.loaded, m.err = true, msg.err
		if msg.err == nil {
			m.in, m.res = msg.in, msg.res
		}
	case restMsg:
		m.busy = false
		if msg.err != nil {
			return m, tea.Batch(common.Fail(msg.err), m.load())
		}
		return m, tea.Batch(common.Say(msg.text), m.load())
	case common.DataChanged:
		return m, m.load()
	case common.SettingsChanged:
		return m, m.load()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, common.GoBack
		case key.Matches(msg, m.keys.Rest):
			if !m.loaded || m.busy || m.err != nil {
				return m, nil
			}
			today := m.ctx.Today()
			if m.in.Activity[today] > 0 && !m.in.Rest[today] {
				return m, common.Say("Today is already active — no rest day needed.")
			}
			if !m.in.Workdays.Works(today) && !m.in.Rest[today] {
				// The week's one rest day is kept for a workday.
				return m, common.Say("Today is outside your workdays, so it never breaks a streak — no rest day needed.")
			}
			m.busy = true
			return m, toggleRest(m.db, today)
		}
	}
	return m, nil
}

// View draws the figures, then the heatmap; the root cuts what doesn't fit
// from the bottom, so the numbers stay visible on short terminals.
func (m *Model) View() string {
	st := m.ctx.Styles
	w := max(1, m.width)
	if m.err != nil {
		return st.Error.Width(w).Render("Couldn't read your streak: " + m.err.Error())
	}
	if !m.loaded {
		return st.Muted.Render("Counting your active days…")
	}
	r := m.res
	var b strings.Builder
	b.WriteString(st.Title.Width(w).Render(streak.Describe(r)) + "\n\n")

	labelW := 16
	if w < 40 {
		labelW = 0 // narrow: label above value
	}
	row := func(label, value string) {
		if labelW == 0 {
			b.WriteString(st.Label.Render(label) + "\n")
			b.WriteString("  " + lipgloss.NewStyle().Width(max(1, w-2)).Render(value) + "\n")
			return
		}
		b.WriteString(st.Label.Render(fmt.Sprintf("%-*s", labelW, label)))
		b.WriteString(lipgloss.NewStyle().Width(max(1, w-labelW)).Render(value) + "\n")
	}
	num := func(n int, one, many string) string {
		word := many
		if n == 1 {
			word = one
		}
		return st.Accent.Bold(true).Render(fmt.Sprint(n)) + " " + st.Value.Render(word)
	}

	if r.Current > 0 {
		v := num(r.Current, "day", "days") + st.Muted.Render(" · since "+string(r.CurrentStart))
		if r.AtRisk {
			v += st.Warn.Render(" · at risk: today isn't active yet")
		}
		row("Current streak", v)
	} else {
		row("Current streak", st.Muted.Render("none running — a reflection or a reframed No today starts one"))
	}
	switch {
	case r.Longest == 0:
		row("Longest streak", st.Muted.Render("none yet"))
	case r.LongestStart == r.LongestEnd:
		row("Longest streak", num(r.Longest, "day", "days")+st.Muted.Render(" · "+string(r.LongestStart)))
	default:
		row("Longest streak", num(r.Longest, "day", "days")+st.Muted.Render(" · "+string(r.LongestStart)+" – "+string(r.LongestEnd)))
	}
	week := st.Accent.Bold(true).Render(fmt.Sprint(r.WeekActive)) + st.Value.Render(" active")
	if r.WeekGoal > 0 {
		week = st.Accent.Bold(true).Render(fmt.Sprint(r.WeekActive)) + st.Value.Render(fmt.Sprintf(" of %d active days", r.WeekGoal))
		if r.WeekActive >= r.WeekGoal {
			week += st.Good.Render(" · goal reached ✓")
		}
	}
	switch {
	case r.TodayRest:
		week += st.Muted.Render(" · today is a rest day")
	case r.TodayOff:
		week += st.Muted.Render(" · today is outside your workdays")
	}
	row("This week", week)
	row("Total", num(r.TotalActive, "active day", "active days"))
	if ww := journal.WorkweekOf(r.Workdays); ww.Count() < 7 {
		row("Workdays", st.Value.Render(ww.String())+st.Muted.Render(" · other days never break a streak"))
	} else {
		row("Workdays", st.Value.Render("every day")+st.Muted.Render(" · for a working week: rebound settings --workdays"))
	}

	if r.TotalActive == 0 {
		b.WriteString("\n" + st.Text.Width(w).Render(fmt.Sprintf(
			"No active days yet. Reflect at the end of the day (r on home), or reframe a No after your next %s — either one starts your streak.",
			m.ctx.Mode().Words.Event)) + "\n")
	}

	// The heatmap: a full year in one column per week when the width allows
	// only that; two columns per week (with gaps) when a year fits that way.
	cellW := 1
	if render.HeatWeeks(w, 2) >= render.MaxHeatWeeks {
		cellW = 2
	}
	if weeks := render.HeatWeeks(w, cellW); weeks >= 4 {
		cols := streak.Heatmap(m.in, weeks)
		b.WriteString("\n")
		for _, l := range render.DrawHeatmap(cols, cellW, m.painter()) {
			b.WriteString(l + "\n")
		}
		prefix := "a day: "
		legend := render.LegendLines(m.paint, w-len(prefix), m.in.Workdays.Count() < 7)
		for i, l := range legend {
			if i == 0 {
				b.WriteString(st.Muted.Render(prefix) + l + "\n")
			} else {
				b.WriteString(strings.Repeat(" ", len(prefix)) + l + "\n")
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// paint colours a heatmap cell by level; today is underlined and bold so
// it stands out without colour too.
// painter is paint with each distinct cell look rendered once per view: a
// heatmap has a handful of looks and two hundred cells.
func (m *Model) painter() render.Paint {
	type look struct {
		level            int
		rest, off, today bool
		glyph            string
	}
	seen := map[look]string{}
	return func(c streak.Cell, glyph string) string {
		k := look{c.Level, c.Rest, c.Off, c.Today, glyph}
		s, ok := seen[k]
		if !ok {
			s = m.paint(c, glyph)
			seen[k] = s
		}
		return s
	}
}

func (m *Model) paint(c streak.Cell, glyph string) string {
	st := m.ctx.Styles
	s := st.Heat[max(0, min(c.Level, streak.MaxLevel))]
	switch {
	case c.Rest && c.Level == 0:
		s = st.Subtitle.UnsetBold()
	case c.Off && c.Level == 0:
		s = st.Faint
	}
	if c.Today {
		s = s.Bold(true).Underline(true)
	}
	return s.Render(glyph)
}
