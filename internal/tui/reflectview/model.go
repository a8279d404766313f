// Package reflectview is the daily reflection: how today's No's felt, one
// rotating resilience prompt, a bounce-back ritual (a guided breathing
// timer, a past win, or a few steps), one win and tomorrow's intention.
// Saving it marks the day active; a second session the same day is merged
// into the first by the store.
package reflectview

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/ritual"
	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// step is where the session is.
type step int

const (
	stepLoading step = iota
	stepMood
	stepPrompt
	stepRitualPick
	stepRitual
	stepWin
	stepKept // "Did you do it?", asked only when there was an intention (kept.go)
	stepIntention
	stepSaving
	stepDone
)

// numbered is the step indicator: the ritual's choice and run are one step.
func (s step) numbered() (n int, name string) {
	switch s {
	case stepMood:
		return 1, "How today felt"
	case stepPrompt:
		return 2, "A question for today"
	case stepRitualPick, stepRitual:
		return 3, "Bounce back"
	case stepWin:
		return 4, "One win"
	case stepKept, stepIntention:
		return 5, "Tomorrow"
	}
	return 0, ""
}

const totalSteps = 5

// values live on the heap so huh's Value pointers survive model copies and
// a rebuilt form (after a failed save, or going back a step) keeps them.
type values struct {
	Mood      int
	Answer    string
	Ritual    string
	Win       string
	Intention string
	Kept      string // journal.IntentionKept, "" when skipped or not asked
}

// Model is the reflection screen.
type Model struct {
	ctx   *common.Context
	db    Store
	mode  *coach.Mode
	today journal.Day
	step  step
	vals  *values
	form  *formscreen.Model // the question of a form step (none on the others)
	keys  keyMap

	// Loaded before the first step.
	nos   int                 // No's logged today
	prior *journal.Reflection // today's earlier session, if any
	// lastIntention is the intention of the last reflection before today:
	// today's, which the kept step asks about.
	lastIntention string
	prompt        coach.Prompt

	// The ritual in progress.
	ritual  coach.Ritual
	breath  ritual.Breath
	clock   func() time.Time // the animation's clock (tests replace it)
	every   time.Duration    // the animation's frame interval
	started time.Time        // when the breathing (last) resumed
	spent   time.Duration    // breathing time before the last pause
	paused  bool
	gen     int // ticks of an earlier run are ignored
	phase   ritual.Phase
	memory  *ritual.Memory // the past win shown, once loaded
	memDone bool           // the past-win lookup has answered

	saved  journal.Reflection
	streak *streak.Result
	err    string

	width, height int
}

// New opens the reflection for today.
func New(ctx *common.Context, db Store) *Model {
	m := &Model{
		ctx: ctx, db: db, mode: ctx.Mode(), today: ctx.Today(),
		vals: &values{Mood: 3}, clock: time.Now, every: tickEvery, keys: newKeys(),
	}
	if len(m.mode.Rituals) > 0 {
		m.vals.Ritual = m.mode.Rituals[0].ID
	}
	m.form = formscreen.New(formscreen.Config{
		Styles:   ctx.Styles,
		Fields:   m.fields,
		Leave:    m.keys.Leave,
		Dirty:    m.dirty,
		Question: "Leave the reflection and lose what you wrote? y leaves · any other key stays",
		Keys:     leaveKeys,
		Chrome:   chrome,
	})
	return m
}

// Messages from the commands.
type (
	loadedMsg struct {
		nos       int
		seen      map[journal.Day][]string
		prior     *journal.Reflection
		intention string // of the last reflection before today
		err       error
	}
	memoryMsg struct {
		m   ritual.Memory
		ok  bool
		err error
	}
	// Saved is sent when the reflection is stored (what the day now holds).
	Saved struct {
		Reflection journal.Reflection
		Streak     *streak.Result
	}
	saveFailed struct{ err error }
)

// Title names the screen.
func (m *Model) Title() string { return "Reflect" }

// Capturing: while a field has the keys, a question is asked, or leaving
// would lose typed text, the root leaves q, ? and esc to this screen.
func (m *Model) Capturing() bool {
	switch {
	case m.form.Asking(), m.form.Active() && m.isFormStep():
		return true
	case m.step == stepRitual || m.step == stepSaving:
		return m.dirty()
	}
	return false
}

// SetSize records the body size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.form.SetSize(w, h)
}

func (m *Model) isFormStep() bool {
	switch m.step {
	case stepMood, stepPrompt, stepRitualPick, stepWin, stepKept, stepIntention:
		return true
	}
	return false
}

// dirty: the user has written something that leaving would throw away.
func (m *Model) dirty() bool {
	v := m.vals
	return strings.TrimSpace(v.Answer+v.Win+v.Intention) != ""
}

// Update runs the steps.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.err != nil {
			m.err = "Couldn't read today's journal: " + msg.err.Error()
			return m, nil
		}
		m.loaded(msg)
		return m, m.enter(stepMood)
	case memoryMsg:
		m.memDone = true
		if msg.err != nil {
			m.err = "Couldn't read your past wins: " + msg.err.Error()
		} else if msg.ok {
			mem := msg.m
			m.memory = &mem
		}
		return m, nil
	case tickMsg:
		if msg.gen != m.gen || m.step != stepRitual || m.paused {
			return m, nil
		}
		m.phase = m.breath.At(m.elapsed())
		if m.phase.Done {
			return m, nil
		}
		return m, m.tick()
	case Saved:
		m.saved, m.streak = msg.Reflection, msg.Streak
		m.step, m.err = stepDone, ""
		m.form.Close()
		return m, nil
	case saveFailed:
		// Keep every word: back to the last step, over the same values.
		m.err = "Couldn't save (nothing you wrote is lost; enter tries again): " + msg.err.Error()
		return m, m.enter(stepIntention)
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		_, cmd := m.form.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		if cmd, done := m.key(msg); done {
			return m, cmd
		}
	}
	if !m.form.Active() || !m.isFormStep() {
		return m, nil
	}
	ev, cmd := m.form.Update(msg)
	switch ev {
	case formscreen.Submitted:
		return m, tea.Batch(cmd, m.next())
	case formscreen.Left, formscreen.Discarded:
		return m, tea.Batch(cmd, common.GoBack)
	case formscreen.Quit:
		return m, tea.Batch(cmd, tea.Quit)
	}
	return m, cmd
}

// key handles the keys that belong to the screen, not the form. done
// reports that the key was used.
func (m *Model) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys
	if m.form.Asking() {
		switch ev, _ := m.form.Update(msg); ev {
		case formscreen.Discarded:
			return common.GoBack, true
		case formscreen.Quit:
			return tea.Quit, true
		}
		return nil, true
	}
	switch m.step {
	case stepLoading:
		if key.Matches(msg, k.Leave, k.Quit) {
			return common.GoBack, true
		}
		return nil, true
	case stepRitual:
		switch {
		case m.ritual.Type == "breathing" && key.Matches(msg, k.Pause):
			return m.togglePause(), true
		case key.Matches(msg, k.Quit):
			return m.leave(), true
		case key.Matches(msg, k.Exit):
			// ctrl+c reaches the ritual only when leaving would lose
			// what was written (else the root quits): ask, then quit.
			if m.form.QuitApp() == formscreen.Quit {
				return tea.Quit, true
			}
			return nil, true
		case key.Matches(msg, k.Skip, k.SkipEsc, k.Continue):
			return m.finishRitual(), true
		}
		return nil, true
	case stepSaving:
		return nil, true
	case stepDone:
		if key.Matches(msg, k.Finish) {
			return common.GoBack, true
		}
		return nil, true
	}
	// A form step: esc (Leave) is the form's.
	if key.Matches(msg, k.Prev) {
		if prev := m.prev(); prev != m.step {
			return m.enter(prev), true
		}
		return nil, true
	}
	return nil, false
}

// leave goes back from the ritual, asking first when typed text would be lost.
func (m *Model) leave() tea.Cmd {
	if m.form.Leave() == formscreen.Left {
		return common.GoBack
	}
	return nil
}

func (m *Model) prev() step {
	switch m.step {
	case stepPrompt:
		return stepMood
	case stepRitualPick:
		return stepPrompt
	case stepWin:
		return stepRitualPick
	case stepKept:
		return stepWin
	case stepIntention:
		if m.intention() != "" {
			return stepKept
		}
		return stepWin
	}
	return m.step
}

// next moves on from a completed form.
func (m *Model) next() tea.Cmd {
	switch m.step {
	case stepMood:
		return m.enter(stepPrompt)
	case stepPrompt:
		return m.enter(stepRitualPick)
	case stepRitualPick:
		r, ok := m.mode.Ritual(m.vals.Ritual)
		if !ok {
			return m.enter(stepWin) // "skip the ritual today"
		}
		return m.startRitual(r)
	case stepWin:
		if m.intention() != "" {
			return m.enter(stepKept)
		}
		return m.enter(stepIntention)
	case stepKept:
		return m.enter(stepIntention)
	case stepIntention:
		m.step = stepSaving
		m.form.Close()
		return m.save()
	}
	return nil
}

// enter opens a form step (any question is dropped).
func (m *Model) enter(s step) tea.Cmd {
	m.step = s
	return m.form.Open()
}

// chrome is the lines the screen draws above the form.
const chrome = 4

// HelpKeyFree lets ? open the keys' help while the form's focused field
// takes no text.
func (m *Model) HelpKeyFree() bool { return m.form.HelpKeyFree() }

// Settling holds the keys typed after one that moves the form's focus
// until the focus has moved (formscreen.Settling).
func (m *Model) Settling() bool { return m.form.Settling() }
