// Package welcome is the first-run welcome, and later the settings screen:
// the mode (the words, reasons and prompts in use), the user's name (for
// the debrief e-mail) and the weekly goal of active days.
package welcomeview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// values live on the heap so huh's Value pointers survive model copies.
type values struct {
	Mode string
	Name string
	Goal int
}

// Store is what the welcome and settings form writes (*store.Store is one).
type Store interface {
	SaveSettings(s journal.Settings) error
}

// Model is the welcome / settings form.
type Model struct {
	ctx    *common.Context
	db     Store
	keys   KeyMap
	first  bool // the first-run welcome (else: editing settings)
	start  values
	vals   *values
	form   *formscreen.Model
	err    string
	width  int
	height int
}

// Saved is sent when the settings are stored.
type Saved struct{ Settings journal.Settings }

type saveFailed struct{ err error }

// New opens the welcome on first run, or the settings filled with the
// current choices. On first run a --mode given for this command is the
// suggested mode.
func New(ctx *common.Context, db Store) *Model {
	m := newModel(ctx, db)
	m.keys = DefaultKeys(m.first)
	m.form = formscreen.New(formscreen.Config{
		Styles: ctx.Styles,
		Fields: func() [][]huh.Field { return [][]huh.Field{m.fields()} },
		Leave:  m.keys.Cancel,
		// The welcome is skipped, never asked about: it keeps the defaults.
		Dirty:    func() bool { return !m.first && m.changed() },
		Question: "Leave without saving your changes? y leaves · any other key keeps editing",
		Keys:     leaveKeys,
		Chrome:   chrome,
	})
	m.form.Open()
	return m
}

// newModel sets up the values, without the form.
func newModel(ctx *common.Context, db Store) *Model {
	s := ctx.Settings
	m := &Model{ctx: ctx, db: db, first: !s.Welcomed}
	v := values{Mode: s.Mode, Name: s.Name, Goal: s.WeekGoal}
	if m.first && ctx.ModeOverride != "" {
		v.Mode = ctx.ModeOverride
	}
	if mode, err := ctx.Catalog.Mode(v.Mode); err == nil {
		v.Mode = mode.ID
	} else {
		v.Mode = coach.DefaultMode
	}
	if v.Goal < 1 || v.Goal > 7 {
		v.Goal = journal.DefaultSettings().WeekGoal
	}
	m.start = v
	m.vals = &v
	return m
}

// fields are the three choices over m.vals.
func (m *Model) fields() []huh.Field {
	modes := m.ctx.Catalog.Modes()
	mopts := make([]huh.Option[string], 0, len(modes))
	for _, md := range modes {
		label := md.Label
		if t := md.Tagline(); t != "" {
			label += " — " + t
		}
		mopts = append(mopts, huh.NewOption(label, md.ID))
	}
	gopts := make([]huh.Option[int], 0, 7)
	for g := 1; g <= 7; g++ {
		gopts = append(gopts, huh.NewOption(goalLabel(g), g))
	}
	return []huh.Field{
		huh.NewSelect[string]().Key("mode").Title("Where do you hear no most?").
			Description("Sets the words, reasons and prompts. --mode switches for one command.").
			Options(mopts...).Value(&m.vals.Mode),
		huh.NewInput().Key("name").Title("Your name (optional)").
			Description("Signs the debrief e-mail you can send after a no.").
			Placeholder("e.g. Sam").CharLimit(coach.MaxName).Value(&m.vals.Name),
		huh.NewSelect[int]().Key("goal").Title("Weekly goal").
			Description("Active days a week: a reflection or a reframed No makes a day active.").
			Options(gopts...).Inline(true).Value(&m.vals.Goal),
	}
}

func goalLabel(g int) string {
	if g == 1 {
		return "1 day a week"
	}
	return fmt.Sprintf("%d days a week", g)
}

// Init starts the form.
func (m *Model) Init() tea.Cmd { return m.form.Form().Init() }

// Title names the screen.
func (m *Model) Title() string {
	if m.first {
		return "Welcome"
	}
	return "Settings"
}

// Capturing: the form has the keys.
func (m *Model) Capturing() bool { return true }

// SetSize records the body size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.form.SetSize(w, h)
}

// chrome is the lines drawn above the form.
const chrome = 4

// Settings is what the form holds now.
func (m *Model) Settings() journal.Settings {
	s := m.ctx.Settings
	s.Mode = m.vals.Mode
	s.Name = strings.TrimSpace(m.vals.Name)
	s.WeekGoal = m.vals.Goal
	s.Welcomed = true
	return s
}

func (m *Model) changed() bool { return *m.vals != m.start }

// Update forwards to the form and saves on completion.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case Saved:
		m.form.SetSaving(false)
		text := fmt.Sprintf("Settings saved: %s mode, %s.", m.modeLabel(msg.Settings.Mode), goalLabel(msg.Settings.WeekGoal))
		settings := msg.Settings
		// The root applies SettingsChanged itself, so the order of these
		// three does not matter.
		return m, tea.Batch(
			func() tea.Msg { return common.SettingsChanged{Settings: settings} },
			common.Say(text),
			common.GoBack,
		)
	case saveFailed:
		m.err = "Couldn't save the settings (your choices are kept; enter tries again): " + msg.err.Error()
		return m, m.form.Rebuild()
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	}
	ev, cmd := m.form.Update(msg)
	switch ev {
	case formscreen.Submitted:
		return m, tea.Batch(cmd, m.save(m.Settings()))
	case formscreen.Left:
		return m, tea.Batch(cmd, m.skip())
	case formscreen.Discarded:
		return m, tea.Batch(cmd, common.GoBack)
	}
	return m, cmd
}

// skip is esc with nothing to lose: on first run it skips the welcome,
// keeping the defaults (so it is not asked again); when editing it leaves.
func (m *Model) skip() tea.Cmd {
	if m.first {
		m.form.SetSaving(true)
		s := m.ctx.Settings
		if _, err := m.ctx.Catalog.Mode(s.Mode); err != nil || s.Mode == "" {
			s.Mode = coach.DefaultMode
		}
		if s.WeekGoal < 1 || s.WeekGoal > 7 {
			s.WeekGoal = journal.DefaultSettings().WeekGoal
		}
		s.Welcomed = true
		return m.save(s)
	}
	return common.GoBack
}

func (m *Model) save(s journal.Settings) tea.Cmd {
	st := m.db
	return func() tea.Msg {
		if err := st.SaveSettings(s); err != nil {
			return saveFailed{err}
		}
		return Saved{Settings: s}
	}
}

func (m *Model) modeLabel(id string) string {
	if md, err := m.ctx.Catalog.Mode(id); err == nil {
		return md.Label
	}
	return id
}

// View draws the intro, any error and the form.
func (m *Model) View() string {
	st := m.ctx.Styles
	w := max(m.width, 20)
	var b strings.Builder
	if m.first {
		b.WriteString(st.Title.Render(textsafe.Truncate("Welcome to Rebound — a coach for the moment after someone says no.", w)))
	} else {
		b.WriteString(st.Title.Render("Your settings"))
	}
	b.WriteString("\n")
	switch {
	case m.form.Asking():
		b.WriteString(m.form.Question(st, w))
	case m.err != "":
		b.WriteString(st.Error.Render(textsafe.Truncate(m.err, w)))
	case m.form.Saving():
		b.WriteString(st.Muted.Render("Saving…"))
	case m.first:
		b.WriteString(st.Muted.Render(textsafe.Truncate("Three quick choices; change them any time with rebound settings. esc skips.", w)))
	default:
		b.WriteString(st.Muted.Render(textsafe.Truncate("enter on the last choice saves · esc leaves unchanged", w)))
	}
	b.WriteString("\n\n")
	b.WriteString(m.form.View())
	return b.String()
}

// Keys for the footer and help: the question's while it is open.
func (m *Model) Keys() help.KeyMap { return m.form.Keys(m.keys) }
