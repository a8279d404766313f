// Package homeview is today at a glance: what was logged, what waits to be
// reframed, which follow-ups are due, and the keys to everything else.
package homeview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/progress"
	"github.com/rebound-coach/rebound/internal/ratio"
	"github.com/rebound-coach/rebound/internal/review"
	"github.com/rebound-coach/rebound/internal/ritual"
	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Store is what home reads (*store.Store is one): today's figures, the
// reflection, and what the streak and the ratio meter load.
type Store interface {
	Home(today journal.Day) (journal.Home, error)
	Reflection(d journal.Day) (journal.Reflection, bool, error)
	// ReflectionAndLast is today's reflection and the last before it (whose
	// intention is today's), in one read.
	ReflectionAndLast(d journal.Day) (today, last journal.Reflection, err error)
	Reflections(from, to journal.Day) ([]journal.Reflection, error)
	// LatestReview is the latest weekly review (one key): its focus shows all week.
	LatestReview() (journal.Review, bool, error)
	progress.StreakStore
	ratio.Store
	experiment.Source // the running experiment's line (experiment.go)
}

// Model is the home screen.
type Model struct {
	ctx    *common.Context
	db     Store
	keys   KeyMap
	data   journal.Home
	g      glance
	loaded bool
	err    error
	cursor int
	width  int
	height int
}

// glance is everything home shows, loaded in one command.
type glance struct {
	home       journal.Home
	streak     streak.Result
	reflected  bool
	meter      ratio.Meter
	care       string // a warm note after rough days ("" most days)
	intention  intention
	focus      string      // the week's focus from the weekly review ("" when none)
	experiment runningLine // the running experiment's line (zero when none runs)
}

type loadedMsg struct {
	g   glance
	err error
}

// New builds the home screen.
func New(ctx *common.Context, db Store) *Model { return &Model{ctx: ctx, db: db, keys: DefaultKeys()} }

// Init loads today's figures.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	st, today, set := m.db, m.ctx.Today(), m.ctx.Settings
	var modeID string // the meter counts only the mode's No's
	if md := m.ctx.Mode(); md != nil {
		modeID = md.ID
	}
	return func() tea.Msg {
		var g glance
		var err error
		if g.home, err = st.Home(today); err != nil {
			return loadedMsg{err: err}
		}
		if _, g.streak, err = progress.Streak(st, today, set); err != nil {
			return loadedMsg{err: err}
		}
		r, last, err := st.ReflectionAndLast(today)
		if err != nil {
			return loadedMsg{err: err}
		}
		g.reflected = !r.Empty() // a mood alone is not a reflection done
		g.intention = todaysIntention(r, last)
		if g.meter, err = ratio.Load(st, modeID); err != nil {
			return loadedMsg{err: err}
		}
		if g.focus, err = weekFocus(st, today, set); err != nil {
			return loadedMsg{err: err}
		}
		if g.experiment, err = runningExperiment(st, modeID, today); err != nil {
			return loadedMsg{err: err}
		}
		if !set.MoodNoteOff {
			recent, err := st.Reflections(today.AddDays(-6), today)
			if err != nil {
				return loadedMsg{err: err}
			}
			g.care, _ = ritual.CareNote(recent, set.Support)
		}
		return loadedMsg{g: g}
	}
}

// Title of the screen.
func (m *Model) Title() string { return "Home" }

// Capturing: home never takes text.
func (m *Model) Capturing() bool { return false }

// Loading until the first read is in: the root holds keys meanwhile.
func (m *Model) Loading() bool { return !m.loaded }

// Keys for the footer and help: the footer drops the hints a newcomer
// needs least until it fits, keeping "? help" and "q quit" in view.
func (m *Model) Keys() help.KeyMap { return fitted{m.keys, m.width} }

type fitted struct {
	KeyMap
	width int
}

func (f fitted) ShortHelp() []key.Binding {
	return common.FitShortHelp(f.KeyMap.ShortHelp(), f.width, "i", "s", "r", "j")
}

// SetSize records the space available.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Update handles keys and loaded data.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.loaded, m.err = true, msg.err
		if msg.err == nil {
			m.g, m.data = msg.g, msg.g.home
		}
		m.cursor = min(m.cursor, max(0, len(m.data.WaitingNos)-1))
	case common.DataChanged:
		return m, m.load()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.keys.Log):
			return m, common.NavigateTo(common.ScreenLog, 0)
		case key.Matches(msg, m.keys.Journal):
			return m, common.NavigateTo(common.ScreenJournal, 0)
		case key.Matches(msg, m.keys.Reflect):
			return m, common.NavigateTo(common.ScreenReflect, 0)
		case key.Matches(msg, m.keys.Streak):
			return m, common.NavigateTo(common.ScreenStreak, 0)
		case key.Matches(msg, m.keys.Insights):
			return m, common.NavigateTo(common.ScreenInsights, 0)
		case key.Matches(msg, m.keys.FollowUps):
			return m, common.NavigateTo(common.ScreenFollowUps, 0)
		case key.Matches(msg, m.keys.Review):
			return m, common.NavigateTo(common.ScreenReview, 0)
		case key.Matches(msg, m.keys.Settings):
			// The welcome's form, as settings once welcomed (rebound settings).
			return m, common.NavigateTo(common.ScreenWelcome, 0)
		case key.Matches(msg, m.keys.Up):
			m.cursor = max(0, m.cursor-1)
		case key.Matches(msg, m.keys.Down):
			m.cursor = min(len(m.data.WaitingNos)-1, m.cursor+1)
			m.cursor = max(0, m.cursor)
		case key.Matches(msg, m.keys.Open):
			if len(m.data.WaitingNos) > 0 {
				return m, common.NavigateTo(common.ScreenReframe, m.data.WaitingNos[m.cursor].ID)
			}
		}
	}
	return m, nil
}

// View draws the dashboard.
func (m *Model) View() string {
	st := m.ctx.Styles
	if m.err != nil {
		return st.Error.Render("Couldn't read the journal: " + m.err.Error())
	}
	if !m.loaded {
		return st.Muted.Render("Opening your journal…")
	}
	d := m.data
	mode := m.ctx.Mode()
	w := max(20, m.width)

	var b strings.Builder
	greet := "Every No is data. Let's use it."
	if name := m.ctx.Settings.Name; name != "" {
		greet = fmt.Sprintf("Hi %s — every No is data. Let's use it.", textsafe.Inline(name))
	}
	b.WriteString(st.Title.Render(greet) + "\n\n")

	// The at-a-glance figures, as label/number pairs so they read without colour.
	stat := func(n int, label string) string {
		return st.Accent.Bold(true).Render(fmt.Sprint(n)) + " " + st.Muted.Render(label)
	}
	nos := func(n int) string {
		if n == 1 {
			return "No today"
		}
		return "No's today"
	}
	figures := []string{
		stat(d.Today, nos(d.Today)),
		stat(d.Week, "this week"),
		stat(d.Waiting, "waiting to be reframed"),
		stat(d.FollowUpsDue, map[bool]string{true: "follow-up due today", false: "follow-ups due today"}[d.FollowUpsDue == 1]),
	}
	if d.FollowUpsOverdue > 0 {
		figures = append(figures, st.Warn.Render(fmt.Sprintf("%d overdue", d.FollowUpsOverdue)))
	}
	b.WriteString(joinWrapped(figures, "  ·  ", w) + "\n")

	// Streak, today's reflection and the closer-to-yes meter: words, not colour alone.
	sr := m.g.streak
	streakLine := st.Muted.Render("Streak ") + st.Text.Render(streak.Describe(sr))
	refl := st.Warn.Render("○ today's reflection not done yet") + st.Muted.Render(" — r, 3 minutes")
	if m.g.reflected {
		refl = st.Good.Render("✓ today's reflection done")
	}
	week := st.Muted.Render(fmt.Sprintf("this week %d of %d active days", sr.WeekActive, sr.WeekGoal))
	b.WriteString(ansi.Truncate(streakLine, w, "…") + "\n")
	b.WriteString(joinWrapped([]string{refl, week}, "  ·  ", w) + "\n")
	if line := m.intentionLine(w); line != "" {
		b.WriteString(line + "\n")
	}
	if d.Total > 0 {
		meter := st.Muted.Render("Closer to yes — ") + st.Accent.Render(m.g.meter.Message)
		b.WriteString(lipgloss.NewStyle().Width(w).Render(meter) + "\n")
	}
	if line := m.focusLine(w); line != "" {
		b.WriteString(line + "\n")
	}
	if line := m.experimentLine(w); line != "" {
		b.WriteString(line + "\n")
	}
	if m.g.care != "" {
		b.WriteString(st.Text.Width(w).Render(textsafe.Inline(m.g.care)) + "\n")
	}
	b.WriteString("\n")

	if d.Total == 0 {
		b.WriteString(st.Text.Render(fmt.Sprintf("No No's yet — press n right after your next %s.", mode.Words.Event)) + "\n")
		b.WriteString(st.Muted.Render("It takes under 30 seconds: who, what they said, and why.") + "\n")
		return b.String()
	}

	// Newest first by the No's date, as the journal lists them: the call
	// freshest in mind is the easiest to reframe well, and the list goes
	// on in the journal (j) in the same order.
	b.WriteString(st.Subtitle.Render("Waiting to be reframed") + st.Muted.Render(" · newest first") + "\n")
	if d.Waiting == 0 && len(d.WaitingNos) == 0 {
		b.WriteString(st.Good.Render("✓ Every No is reframed. Nice work.") + "\n")
	}
	for i, n := range d.WaitingNos {
		said := textsafe.Inline(n.Said)
		if n.Draft() {
			// A reframe left midway: say so, so enter reads as "resume".
			said = fmt.Sprintf("draft, at step %d · %s", n.ReframeStep, said)
		}
		line := fmt.Sprintf("%s  %s  %s", n.Date, textsafe.PadRight(n.Who, 24), said)
		line = ansi.Truncate(line, w-4, "…")
		if i == m.cursor {
			b.WriteString(st.Selected.Render("› "+line) + "\n")
		} else {
			b.WriteString("  " + st.Text.Render(line) + "\n")
		}
	}
	if extra := d.Waiting - len(d.WaitingNos); extra > 0 {
		b.WriteString(st.Muted.Render(fmt.Sprintf("  …and %d more in the journal (j)", extra)) + "\n")
	}
	return b.String()
}

// joinWrapped joins parts with sep, wrapping onto new lines to fit width.
func joinWrapped(parts []string, sep string, width int) string {
	var lines []string
	cur := ""
	for _, p := range parts {
		next := p
		if cur != "" {
			next = cur + sep + p
		}
		if cur != "" && lipgloss.Width(next) > width {
			lines = append(lines, cur)
			cur = p
			continue
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return strings.Join(lines, "\n")
}

// weekFocus is the answer to the weekly review's question that holds this
// week (review.FocusFor): one key of the reviews bucket.
func weekFocus(st Store, today journal.Day, set journal.Settings) (string, error) {
	r, ok, err := st.LatestReview()
	if err != nil {
		return "", err
	}
	focus, _ := review.FocusFor(r, ok, today, set.Workweek())
	return focus, nil
}

// focusLine is "This week's focus — …" on one line, or "" without one.
func (m *Model) focusLine(w int) string {
	if m.g.focus == "" {
		return ""
	}
	st := m.ctx.Styles
	line := st.Muted.Render(m.ctx.Mode().Review.Focus+" — ") + st.Text.Render(textsafe.Inline(m.g.focus))
	return ansi.Truncate(line, w, "…")
}
