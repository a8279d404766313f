// Package reviewview is the weekly review screen (v on home): the week
// in a few lines (review.Summary) and one question, "What will you focus
// on next week?", answered in place; home shows the answer all week.
package reviewview

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/review"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Store is what the review reads and writes (*store.Store is one).
type Store interface {
	review.Source
	SaveReview(r journal.Review) (journal.Review, error)
}

// Model is the screen.
type Model struct {
	ctx    *common.Context
	db     Store
	keys   KeyMap
	sum    review.Summary
	input  textinput.Model
	loaded bool
	saving bool
	err    error
	width  int
	height int
}

type loadedMsg struct {
	sum review.Summary
	err error
}

// Saved reports the focus stored (the root shows the status and goes back).
type savedMsg struct {
	r   journal.Review
	err error
}

// New builds the screen.
func New(ctx *common.Context, db Store) *Model {
	ti := textinput.New()
	ti.Prompt = "› "
	ti.CharLimit = 500
	ti.Placeholder = ctx.Mode().Review.Example
	ti.Focus()
	return &Model{ctx: ctx, db: db, keys: DefaultKeys(), input: ti}
}

// Init loads the week.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	st, mode, today, week := m.db, m.ctx.Mode(), m.ctx.Today(), m.ctx.Settings.Workweek()
	return func() tea.Msg {
		s, err := review.Load(st, mode, today, today, week)
		return loadedMsg{s, err}
	}
}

// Title of the screen.
func (m *Model) Title() string { return "Weekly review" }

// Capturing: the answer field takes the keys.
func (m *Model) Capturing() bool { return m.loaded && m.err == nil }

// Loading until the week is read: keys typed ahead wait for the field.
func (m *Model) Loading() bool { return !m.loaded }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap { return m.keys }

// SetSize records the space available.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.SetWidth(max(10, w-4))
}

// Update handles keys, the loaded week and the save.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		first := !m.loaded
		m.loaded, m.err = true, msg.err
		if msg.err == nil {
			m.sum = msg.sum
			if first && msg.sum.Focus != nil && m.input.Value() == "" {
				m.input.SetValue(*msg.sum.Focus)
			}
		}
		return m, nil
	case common.DataChanged:
		if m.saving {
			return m, nil
		}
		return m, m.load()
	case savedMsg:
		m.saving = false
		if msg.err != nil {
			return m, common.Fail(msg.err) // the answer stays in the field
		}
		return m, tea.Batch(common.Say("Saved your focus: home shows it all week."), common.GoBack)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.keys.Back):
			return m, common.GoBack
		case key.Matches(msg, m.keys.Save):
			if m.err != nil || m.saving {
				return m, nil
			}
			text := strings.TrimSpace(m.input.Value())
			if text == "" {
				return m, common.Say("Type your focus first, or esc to leave it for now.")
			}
			m.saving = true
			r := journal.Review{Week: m.sum.From, Mode: m.sum.Mode, Focus: text, SavedAt: m.ctx.Now().UTC()}
			st := m.db
			return m, func() tea.Msg {
				saved, err := st.SaveReview(r)
				return savedMsg{saved, err}
			}
		}
	}
	if m.err != nil {
		return m, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// View draws the week and the question. When the wrapped sections would
// not fit the height, each section keeps at most two lines, then one (cut
// with …); only then does the intro go. The question and the answer
// always show.
func (m *Model) View() string {
	st := m.ctx.Styles
	if m.err != nil {
		return st.Error.Render("Couldn't read the week: " + m.err.Error())
	}
	if !m.loaded {
		return st.Muted.Render("Reading your week…")
	}
	w := max(20, m.width)
	s := &m.sum
	head := []string{st.Title.Render(s.Title()) + st.Muted.Render(" · "+s.ModeInfo.Label)}
	intro := append(strings.Split(st.Muted.Render(ansi.Wordwrap(s.Words.Intro+" "+s.CountsNote(), w, "")), "\n"), "")
	tail := []string{"", st.Accent.Bold(true).Render(s.Question), m.input.View()}
	var lines []string
	for _, withIntro := range []bool{true, false} {
		for _, most := range []int{0, 2, 1} {
			lines = slices.Concat(head, m.sections(w, most), tail)
			if withIntro {
				lines = slices.Concat(head, intro, m.sections(w, most), tail)
			}
			if m.height <= 0 || len(lines) <= m.height {
				return strings.Join(lines, "\n") + "\n"
			}
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

// sections are the review's parts wrapped to w, each at most most lines
// (0: all; a cut one ends with …).
func (m *Model) sections(w, most int) []string {
	st := m.ctx.Styles
	var out []string
	for _, sec := range m.sum.Sections() {
		parts := make([]string, len(sec.Parts))
		for i, p := range sec.Parts {
			parts[i] = textsafe.Inline(p)
		}
		var lines []string
		if most == 1 {
			lines = []string{ansi.Truncate(sec.Label+"  "+strings.Join(parts, " · "), w, "…")}
		} else {
			lines = strings.Split(review.Wrap(sec.Label+"  ", parts, w), "\n")
			if most > 0 && len(lines) > most {
				lines = lines[:most]
				lines[most-1] = ansi.Truncate(lines[most-1], w-2, "") + " …"
			}
		}
		label, rest, _ := strings.Cut(strings.Join(lines, "\n"), "  ")
		out = append(out, strings.Split(st.Subtitle.Render(label)+"  "+st.Text.Render(rest), "\n")...)
	}
	return out
}
