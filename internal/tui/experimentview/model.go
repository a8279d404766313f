// Package experimentview is the form that starts an experiment (x on the
// insights screen): what the user changes, the reasons it should make
// rarer (the mode's), and the day it starts. Insights then shows how the
// share of those reasons compares with the same number of days before.
package experimentview

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// Store is what the form writes (*store.Store is one).
type Store interface {
	AddExperiment(e *journal.Experiment, now time.Time) error
}

// Values are what the form edits, on the heap so huh's pointers survive a
// rebuild and a failed save keeps every word. The accessible version
// (rebound --accessible experiment start) asks the same Fields.
type Values struct {
	Name, Start string
	Watch       []string
}

// NewValues start today, with nothing typed.
func NewValues() *Values { return &Values{Start: "today"} }

// Model is the screen.
type Model struct {
	ctx    *common.Context
	db     Store
	keys   KeyMap
	form   *formscreen.Model
	v      *Values
	err    string // the last save's refusal, shown above the form
	width  int
	height int
}

type savedMsg struct {
	e   journal.Experiment
	err error
}

// chrome is the lines View draws above the form.
const chrome = 4

// New builds the form for the mode in use.
func New(ctx *common.Context, db Store) *Model {
	m := &Model{ctx: ctx, db: db, keys: DefaultKeys(), v: NewValues()}
	m.form = formscreen.New(formscreen.Config{
		Styles:   ctx.Styles,
		Fields:   m.fields,
		Leave:    m.keys.Stop,
		Dirty:    m.dirty,
		Question: "Discard this experiment? y discards · any other key keeps editing",
		Keys:     discardKeys,
		Chrome:   chrome,
	})
	return m
}

// Init opens the form.
func (m *Model) Init() tea.Cmd { return m.form.Open() }

// Title of the screen.
func (m *Model) Title() string { return "Start an experiment" }

// Capturing: the form takes the keys.
func (m *Model) Capturing() bool { return m.form.Active() || m.form.Asking() }

// HelpKeyFree: ? opens the help from the reasons list, not from a text field.
func (m *Model) HelpKeyFree() bool { return m.form.HelpKeyFree() }

// Settling: keys wait while huh moves the focus.
func (m *Model) Settling() bool { return m.form.Settling() }

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap { return m.form.Keys(m.keys) }

// SetSize sizes the form.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.form.SetSize(w, h)
}

func (m *Model) fields() [][]huh.Field { return [][]huh.Field{Fields(m.ctx, m.v)} }

// Fields are the form's questions over v: the change, the reasons it
// should make rarer (the mode's) and its first day.
func Fields(ctx *common.Context, v *Values) []huh.Field {
	mode := ctx.Mode()
	var opts []huh.Option[string]
	for _, id := range mode.ReasonIDs() {
		opts = append(opts, huh.NewOption(mode.ReasonLabel(id)+" ("+id+")", id))
	}
	now := ctx.Now()
	return []huh.Field{
		huh.NewInput().Key("name").Title("What do you change?").
			Description(`One change at a time, e.g. "Lead with ROI" or "Send the case study first".`).
			CharLimit(200).Value(&v.Name).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return fmt.Errorf("name the change, e.g. Lead with ROI")
				}
				return nil
			}),
		huh.NewMultiSelect[string]().Key("watch").Title("Which reasons should it make rarer?").
			Description("space ticks a reason; their share of your No's is what is compared.").
			Options(opts...).Height(min(len(opts)+2, 9)).Value(&v.Watch),
		huh.NewInput().Key("start").Title("From when?").
			Description("The first day of the change: today, 3 days ago, 2026-11-02…").
			Value(&v.Start).
			Validate(func(s string) error {
				d, err := dates.Parse(strings.TrimSpace(s), now)
				if err != nil {
					return err
				}
				if d > journal.Today(now) {
					return fmt.Errorf("%s is in the future; start today or on a day that has passed", d)
				}
				return nil
			}),
	}
}

func (m *Model) dirty() bool { return strings.TrimSpace(m.v.Name) != "" || len(m.v.Watch) > 0 }

// Experiment is the experiment v describes in the mode in use, checked
// as the command line checks it (the mode's reasons, a date not ahead).
func (v *Values) Experiment(ctx *common.Context) (journal.Experiment, error) {
	// Checked here, not in the list: huh shows a list's error as soon as
	// it has the focus, before anything could be ticked.
	if len(v.Watch) == 0 {
		return journal.Experiment{}, journal.Invalid("tick at least one reason the change should make rarer (space ticks one)")
	}
	now := ctx.Now()
	start, err := dates.Parse(strings.TrimSpace(v.Start), now)
	if err != nil {
		return journal.Experiment{}, err
	}
	if start > journal.Today(now) {
		return journal.Experiment{}, journal.Invalid("%s is in the future; an experiment starts today or on a day that has passed", start)
	}
	e := journal.Experiment{Name: strings.TrimSpace(v.Name), Mode: ctx.Mode().ID,
		Watch: append([]string(nil), v.Watch...), Start: start}
	return e, e.Validate(ctx.Catalog)
}

// Update hands the form its messages and saves what it completes.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if s, ok := msg.(savedMsg); ok {
		if s.err != nil {
			m.err = s.err.Error()
			return m, m.form.Rebuild()
		}
		return m, tea.Batch(common.Say(fmt.Sprintf("Started experiment #%d “%s”: insights shows how it goes.", s.e.ID, textsafe.Inline(s.e.Name))), common.GoBack)
	}
	ev, cmd := m.form.Update(msg)
	switch ev {
	case formscreen.Submitted:
		return m, tea.Batch(cmd, m.save())
	case formscreen.Left, formscreen.Discarded:
		return m, tea.Batch(cmd, common.GoBack)
	case formscreen.Quit:
		return m, tea.Batch(cmd, tea.Quit)
	}
	return m, cmd
}

// save checks the experiment as the command line does and stores it.
func (m *Model) save() tea.Cmd {
	now := m.ctx.Now()
	e, err := m.v.Experiment(m.ctx)
	if err != nil {
		return func() tea.Msg { return savedMsg{err: err} }
	}
	st := m.db
	return func() tea.Msg {
		err := st.AddExperiment(&e, now)
		return savedMsg{e: e, err: err}
	}
}

// View is a few lines on what is compared, any refusal, and the form.
func (m *Model) View() string {
	st := m.ctx.Styles
	w := max(20, m.width)
	intro := fmt.Sprintf("Rebound compares how often the reasons you tick come up in your %s No's from the start on with the same number of days before it. Each side needs %d No's before it says anything.",
		m.ctx.Mode().ID, experiment.MinNos)
	lines := strings.Split(ansi.Wordwrap(intro, w, ""), "\n")
	for len(lines) < chrome-1 {
		lines = append(lines, "")
	}
	out := st.Muted.Render(strings.Join(lines[:chrome-1], "\n"))
	e := m.err
	if fe := m.form.Error(); fe != "" {
		e = fe
	}
	if m.form.Asking() {
		out += "\n" + m.form.Question(st, w)
	} else {
		out += "\n" + st.Error.Render(textsafe.Truncate(e, w))
	}
	return out + "\n" + m.form.View()
}
