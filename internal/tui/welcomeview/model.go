// Package welcomeview is the first-run welcome, and later the settings screen:
// the mode (the words, reasons and prompts in use), the user's name (for
// the debrief e-mail), the workdays a streak counts and the weekly goal of
// active days.
package welcomeview

import (
	"errors"
	"fmt"
	"slices"
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
	Mode     string
	Name     string
	Goal     int
	Workdays []string
}

func (v values) equal(o values) bool {
	return v.Mode == o.Mode && v.Name == o.Name && v.Goal == o.Goal && slices.Equal(v.Workdays, o.Workdays)
}

// Store is what the welcome and settings form writes (*store.Store is one).
type Store interface {
	SaveSettings(s journal.Settings) error
}

// Model is the welcome / settings form.
type Model struct {
	ctx   *common.Context
	db    Store
	keys  KeyMap
	first bool // the first-run welcome (else: editing settings)
	start values
	vals  *values
	form  *formscreen.Model
	// workField is the workdays question of the form on screen, and
	// workMode the mode its preselection was made for: on first run a new
	// mode preselects its own week until the user picks days themselves.
	workField *huh.MultiSelect[string]
	workMode  string
	err       string
	width     int
	height    int
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
		Fields: func() [][]huh.Field { f := m.fields(); return [][]huh.Field{f[:2], f[2:]} },
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
	// First run preselects the mode's week (Monday to Friday where No's
	// come with work); later, the week kept (every day when none).
	v.Workdays = s.Workweek().IDs()
	if m.first {
		v.Workdays = journal.DefaultWorkdays(v.Mode)
	}
	m.workMode = v.Mode
	m.start = v
	m.start.Workdays = slices.Clone(v.Workdays)
	m.vals = &v
	return m
}

// followMode preselects the chosen mode's week on first run, as long as
// the days are still the previous mode's preselection (days the user
// picked are never overwritten).
func (m *Model) followMode() {
	if !m.first || m.vals.Mode == m.workMode {
		return
	}
	if slices.Equal(m.vals.Workdays, journal.DefaultWorkdays(m.workMode)) {
		m.vals.Workdays = journal.DefaultWorkdays(m.vals.Mode)
		if m.workField != nil {
			m.workField.Options(workdayOptions(m.vals.Workdays)...)
		}
	}
	m.workMode = m.vals.Mode
}

// workdayOptions are the seven days, those in sel selected.
func workdayOptions(sel []string) []huh.Option[string] {
	opts := make([]huh.Option[string], 7)
	for i, id := range journal.Weekdays {
		opts[i] = huh.NewOption(weekdayLabels[i], id).Selected(slices.Contains(sel, id))
	}
	return opts
}

var weekdayLabels = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// workweek is the days chosen so far.
func (m *Model) workweek() journal.Workweek { return journal.WorkweekOf(m.vals.Workdays) }

// fields are the four choices over m.vals. The screen shows them on two
// pages (who you are; your week), so each fits a small terminal.
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
	m.workField = huh.NewMultiSelect[string]().Key("workdays").Title("Which days count for your streak?").
		Description(hintWorkdays).
		Options(workdayOptions(m.vals.Workdays)...).
		Validate(func(days []string) error {
			if len(days) == 0 {
				return errors.New("choose at least one day")
			}
			return nil
		}).Value(&m.vals.Workdays)
	return []huh.Field{
		huh.NewSelect[string]().Key("mode").Title("Where do you hear no most?").
			Description("Sets the words, reasons and prompts. --mode switches for one command.").
			Options(mopts...).Value(&m.vals.Mode),
		huh.NewInput().Key("name").Title("Your name (optional)").
			Description("Signs the debrief e-mail you can send after a no.").
			Placeholder("e.g. Sam").CharLimit(coach.MaxName).Value(&m.vals.Name),
		m.workField,
		huh.NewSelect[int]().Key("goal").Title("Weekly goal").
			Description(hintGoal).
			Options(gopts...).Inline(true).
			Validate(func(g int) error {
				if w := m.workweek(); g > w.Count() {
					return fmt.Errorf("your week has %d workdays; choose a goal up to %d", w.Count(), w.Count())
				}
				return nil
			}).Value(&m.vals.Goal),
	}
}

// The hints of the workdays and the goal, on screen and said in accessible mode.
const (
	hintWorkdays = "Your streak counts these days; the others never break it. space picks a day."
	hintGoal     = "Active days a week, met on workdays alone: a reflection or a reframed No makes a day active."
)

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
	s.Workdays = m.workweek().IDs()
	// The goal is met on workdays alone (the field says so; this keeps a
	// form submitted past it honest too).
	s.WeekGoal = min(m.vals.Goal, m.workweek().Count())
	s.Welcomed = true
	return s
}

func (m *Model) changed() bool { return !m.vals.equal(m.start) }

// Update forwards to the form and saves on completion.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case Saved:
		m.form.SetSaving(false)
		week := msg.Settings.Workweek()
		text := fmt.Sprintf("Settings saved: %s mode, %s, %s.", m.modeLabel(msg.Settings.Mode), week, goalLabel(msg.Settings.WeekGoal))
		if !m.first && week != m.ctx.Settings.Workweek() {
			text += " Past streaks are recounted with the new workdays."
		}
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
	m.followMode()
	switch ev {
	case formscreen.Submitted:
		return m, tea.Batch(cmd, m.save(m.Settings()))
	case formscreen.Left:
		return m, tea.Batch(cmd, m.skip())
	case formscreen.Discarded:
		return m, tea.Batch(cmd, common.GoBack)
	case formscreen.Quit:
		return m, tea.Batch(cmd, tea.Quit)
	}
	return m, cmd
}

// skip is esc with nothing to lose: on first run it skips the welcome,
// keeping the defaults (so it is not asked again); when editing it leaves.
func (m *Model) skip() tea.Cmd {
	if m.first {
		m.form.SetSaving(true)
		s := m.ctx.Settings
		// The mode the form opened on (--mode suggests it on first run),
		// not the stored default the user never saw.
		s.Mode = m.start.Mode
		if _, err := m.ctx.Catalog.Mode(s.Mode); err != nil || s.Mode == "" {
			s.Mode = coach.DefaultMode
		}
		if s.WeekGoal < 1 || s.WeekGoal > 7 {
			s.WeekGoal = journal.DefaultSettings().WeekGoal
		}
		// The week preselected for the mode, as shown.
		s.Workdays = journal.DefaultWorkdays(s.Mode)
		s.WeekGoal = min(s.WeekGoal, s.Workweek().Count())
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
	case m.form.Error() != "":
		b.WriteString(st.Error.Render(textsafe.Truncate(sentence(m.form.Error()), w)))
	case m.form.Saving():
		b.WriteString(st.Muted.Render("Saving…"))
	case m.first:
		b.WriteString(st.Muted.Render(textsafe.Truncate("Four quick choices; change them any time with rebound settings. esc skips.", w)))
	default:
		b.WriteString(st.Muted.Render(textsafe.Truncate("enter on the last choice saves · esc leaves unchanged", w)))
	}
	b.WriteString("\n\n")
	b.WriteString(m.form.View())
	return b.String()
}

// sentence capitalises a field's error for the line above the form.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// Keys for the footer and help: the question's while it is open, else
// those of the focused choice.
func (m *Model) Keys() help.KeyMap {
	k := m.keys
	if f := m.form.Form(); f != nil {
		k.field = f.GetFocusedField().GetKey()
	}
	return m.form.Keys(k)
}

// HelpKeyFree lets ? open the keys' help while the form's focused field
// takes no text.
func (m *Model) HelpKeyFree() bool { return m.form.HelpKeyFree() }

// Settling holds the keys typed after one that moves the form's focus
// until the focus has moved (formscreen.Settling).
func (m *Model) Settling() bool { return m.form.Settling() }
