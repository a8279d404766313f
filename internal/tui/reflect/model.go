// Package reflect is the daily reflection: how today's No's felt, one
// rotating resilience prompt, a bounce-back ritual (a guided breathing
// timer, a past win, or a few steps), one win and tomorrow's intention.
// Saving it marks the day active; a second session the same day is merged
// into the first by the store.
package reflect

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/progress"
	"github.com/rebound-coach/rebound/internal/ritual"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/streak"
	"github.com/rebound-coach/rebound/internal/tui/common"
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
	case stepIntention:
		return 5, "Tomorrow"
	}
	return 0, ""
}

const totalSteps = 5

// tickEvery paces the breathing animation.
const tickEvery = 100 * time.Millisecond

// values live on the heap so huh's Value pointers survive model copies and
// a rebuilt form (after a failed save, or going back a step) keeps them.
type values struct {
	Mood      int
	Answer    string
	Ritual    string
	Win       string
	Intention string
}

// Model is the reflection screen.
type Model struct {
	ctx   *common.Context
	mode  *coach.Mode
	today journal.Day
	step  step
	vals  *values
	form  *huh.Form
	keys  keyMap

	// Loaded before the first step.
	nos    int                 // No's logged today
	prior  *journal.Reflection // today's earlier session, if any
	prompt coach.Prompt

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

	saved   journal.Reflection
	streak  *streak.Result
	err     string
	confirm bool

	width, height int
}

// New opens the reflection for today.
func New(ctx *common.Context) *Model {
	m := &Model{
		ctx: ctx, mode: ctx.Mode(), today: ctx.Today(),
		vals: &values{Mood: 3}, clock: time.Now, every: tickEvery, keys: newKeys(),
	}
	if len(m.mode.Rituals) > 0 {
		m.vals.Ritual = m.mode.Rituals[0].ID
	}
	return m
}

// Messages from the commands.
type (
	loadedMsg struct {
		nos   int
		seen  map[journal.Day][]string
		prior *journal.Reflection
		err   error
	}
	memoryMsg struct {
		m   ritual.Memory
		ok  bool
		err error
	}
	tickMsg struct{ gen int }
	// Saved is sent when the reflection is stored (what the day now holds).
	Saved struct {
		Reflection journal.Reflection
		Streak     *streak.Result
	}
	saveFailed struct{ err error }
)

// Init loads today's numbers and the prompts seen lately.
func (m *Model) Init() tea.Cmd {
	st, today := m.ctx.Store, m.today
	return func() tea.Msg {
		var out loadedMsg
		tallies, err := st.Tallies(today, today)
		if err != nil {
			return loadedMsg{err: err}
		}
		out.nos = tallies[today].Nos
		refl, err := st.Reflections(today.AddDays(-14), today)
		if err != nil {
			return loadedMsg{err: err}
		}
		out.seen = map[journal.Day][]string{}
		for _, r := range refl {
			out.seen[r.Date] = append(out.seen[r.Date], r.PromptIDs...)
			if r.Date == today {
				r := r
				out.prior = &r
			}
		}
		return out
	}
}

// Title names the screen.
func (m *Model) Title() string { return "Reflect" }

// Capturing: while a field has the keys, a question is asked, or leaving
// would lose typed text, the root leaves q, ? and esc to this screen.
func (m *Model) Capturing() bool {
	switch {
	case m.confirm, m.form != nil && m.isFormStep():
		return true
	case m.step == stepRitual || m.step == stepSaving:
		return m.dirty()
	}
	return false
}

// SetSize records the body size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Model) isFormStep() bool {
	switch m.step {
	case stepMood, stepPrompt, stepRitualPick, stepWin, stepIntention:
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
		m.nos, m.prior = msg.nos, msg.prior
		m.prompt = m.mode.PickPrompt(msg.seen, m.today)
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
		m.step, m.form, m.err = stepDone, nil, ""
		return m, nil
	case saveFailed:
		// Keep every word: back to the last step, over the same values.
		m.err = "Couldn't save (nothing you wrote is lost; enter tries again): " + msg.err.Error()
		return m, m.enter(stepIntention)
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		if m.form != nil {
			return m, m.sizeForm()
		}
		return m, nil
	case tea.KeyPressMsg:
		if cmd, done := m.key(msg); done {
			return m, cmd
		}
	}
	if m.form == nil || !m.isFormStep() {
		return m, nil
	}
	fm, cmd := m.form.Update(msg)
	m.form = fm.(*huh.Form)
	switch m.form.State {
	case huh.StateCompleted:
		return m, tea.Batch(cmd, m.next())
	case huh.StateAborted: // ctrl+c
		m.form = m.build(m.step)
		return m, tea.Batch(m.form.Init(), m.sizeForm(), m.leave())
	}
	return m, cmd
}

// key handles the keys that belong to the screen, not the form. done
// reports that the key was used.
func (m *Model) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := msg.String()
	if m.confirm {
		m.confirm = false
		if k == "y" || k == "Y" {
			return common.GoBack, true
		}
		return nil, true
	}
	switch m.step {
	case stepLoading:
		if k == "esc" || k == "q" {
			return common.GoBack, true
		}
		return nil, true
	case stepRitual:
		switch {
		case m.ritual.Type == "breathing" && (k == "space" || k == "p"):
			return m.togglePause(), true
		case k == "q":
			return m.leave(), true
		case k == "enter" || k == "esc" || k == "s":
			return m.finishRitual(), true
		}
		return nil, true
	case stepSaving:
		return nil, true
	case stepDone:
		if k == "enter" || k == "esc" || k == "q" {
			return common.GoBack, true
		}
		return nil, true
	}
	// A form step.
	switch k {
	case "esc":
		return m.leave(), true
	case "shift+tab":
		if prev := m.prev(); prev != m.step {
			return m.enter(prev), true
		}
		return nil, true
	}
	return nil, false
}

// leave goes back, asking first when typed text would be lost.
func (m *Model) leave() tea.Cmd {
	if m.dirty() {
		m.confirm = true
		return nil
	}
	return common.GoBack
}

func (m *Model) prev() step {
	switch m.step {
	case stepPrompt:
		return stepMood
	case stepRitualPick:
		return stepPrompt
	case stepWin:
		return stepRitualPick
	case stepIntention:
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
		return m.enter(stepIntention)
	case stepIntention:
		m.step, m.form = stepSaving, nil
		return m.save()
	}
	return nil
}

// enter opens a form step.
func (m *Model) enter(s step) tea.Cmd {
	m.step = s
	m.confirm = false
	m.form = m.build(s)
	return tea.Batch(m.form.Init(), m.sizeForm())
}

// chrome is the lines the screen draws above the form.
const chrome = 4

func (m *Model) sizeForm() tea.Cmd {
	if m.form == nil || m.width == 0 {
		return nil
	}
	fm, cmd := m.form.Update(tea.WindowSizeMsg{Width: m.width, Height: max(3, m.height-chrome)})
	m.form = fm.(*huh.Form)
	return cmd
}

// build makes the one-field form of a step.
func (m *Model) build(s step) *huh.Form {
	return huh.NewForm(huh.NewGroup(m.field(s))).
		WithShowHelp(false).
		WithShowErrors(false).
		WithTheme(common.FormTheme(m.ctx.Styles)).
		WithAccessible(false)
}

// field is the question of a form step, over m.vals.
func (m *Model) field(s step) huh.Field {
	q := m.mode.Questions
	var f huh.Field
	switch s {
	case stepMood:
		title := q.Mood
		if title == "" {
			title = "How are you feeling right now?"
		}
		opts := make([]huh.Option[int], 0, len(moods))
		for i, w := range moods {
			opts = append(opts, huh.NewOption(fmt.Sprintf("%d · %s", i+1, w), i+1))
		}
		f = huh.NewSelect[int]().Key("mood").Title(title).
			Description("How did today's No's feel? 1 is rough, 5 is strong.").
			Options(opts...).Value(&m.vals.Mood)
	case stepPrompt:
		f = huh.NewText().Key("answer").Title(m.prompt.Text).
			Description("As much or as little as you like · enter goes on · alt+enter for a new line").
			Lines(4).CharLimit(journal.MaxField).Value(&m.vals.Answer)
	case stepRitualPick:
		opts := make([]huh.Option[string], 0, len(m.mode.Rituals)+1)
		for _, r := range m.mode.Rituals {
			opts = append(opts, huh.NewOption(ritualLabel(r), r.ID))
		}
		opts = append(opts, huh.NewOption("Skip the ritual today", ""))
		f = huh.NewSelect[string]().Key("ritual").Title("Pick a bounce-back ritual").
			Description("A minute or two to reset before you go on.").
			Options(opts...).Value(&m.vals.Ritual)
	case stepWin:
		title := q.Win
		if title == "" {
			title = "What is one win from today, however small?"
		}
		f = huh.NewInput().Key("win").Title(title).
			Description("One line is enough: a kind word, a step taken, something finished.").
			CharLimit(journal.MaxField).Value(&m.vals.Win)
	default: // stepIntention
		title := q.Intention
		if title == "" {
			title = "What follow-up question will you ask next time?"
		}
		f = huh.NewInput().Key("intention").Title(title).
			Description("Tomorrow's intention · enter saves the reflection").
			CharLimit(journal.MaxField).Value(&m.vals.Intention)
	}
	return f
}

// moods are the words of the 1–5 scale.
var moods = []string{"Rough — it stung", "Low", "Okay", "Good", "Strong — ready for the next one"}

func ritualLabel(r coach.Ritual) string {
	switch {
	case r.Seconds >= 60 && r.Seconds%60 == 0:
		return fmt.Sprintf("%s · %d min", r.Name, r.Seconds/60)
	case r.Seconds > 0:
		return fmt.Sprintf("%s · %d s", r.Name, r.Seconds)
	}
	return r.Name
}

// nosLine says how many No's today holds.
func (m *Model) nosLine() string {
	switch m.nos {
	case 0:
		return "No No's logged today."
	case 1:
		return "You logged 1 No today."
	}
	return fmt.Sprintf("You logged %d No's today.", m.nos)
}

// startRitual runs the chosen ritual.
func (m *Model) startRitual(r coach.Ritual) tea.Cmd {
	m.step, m.form, m.ritual = stepRitual, nil, r
	m.gen++
	switch r.Type {
	case "breathing":
		m.breath = ritual.NewBreath(r.Steps, r.StepSeconds, r.Seconds)
		m.started, m.spent, m.paused = m.clock(), 0, false
		m.phase = m.breath.At(0)
		return m.tick()
	case "win":
		m.memory, m.memDone = nil, false
		return m.loadMemory()
	}
	return nil
}

func (m *Model) tick() tea.Cmd {
	gen := m.gen
	return tea.Tick(m.every, func(time.Time) tea.Msg { return tickMsg{gen: gen} })
}

// elapsed is the breathing time so far, pauses left out.
func (m *Model) elapsed() time.Duration {
	if m.paused {
		return m.spent
	}
	return m.spent + m.clock().Sub(m.started)
}

func (m *Model) togglePause() tea.Cmd {
	if m.phase.Done {
		return nil
	}
	if m.paused {
		m.paused, m.started = false, m.clock()
		m.gen++
		return m.tick()
	}
	m.spent = m.elapsed()
	m.paused = true
	m.phase = m.breath.At(m.spent)
	return nil
}

// finishRitual ends (or skips) the ritual and moves to the win.
func (m *Model) finishRitual() tea.Cmd {
	m.gen++ // stop the animation
	return m.enter(stepWin)
}

// loadMemory finds one past win: a logged win, a No that became a yes, or
// a win written in an earlier reflection.
func (m *Model) loadMemory() tea.Cmd {
	st, today, yes := m.ctx.Store, m.today, m.mode.Words.Yes
	session := 0
	if m.prior != nil {
		session = max(m.prior.Sessions, 1)
	}
	return func() tea.Msg {
		wins, err := st.Wins()
		if err != nil {
			return memoryMsg{err: err}
		}
		nos, _, err := st.ListNos(store.Query{Outcome: string(journal.OutcomeYes), Limit: 50})
		if err != nil {
			return memoryMsg{err: err}
		}
		refl, err := st.Reflections(today.AddDays(-365), today.AddDays(-1))
		if err != nil {
			return memoryMsg{err: err}
		}
		mem, ok := ritual.PickMemory(ritual.Memories(wins, nos, refl, yes), today, session)
		return memoryMsg{m: mem, ok: ok}
	}
}

// Reflection is what this session adds to the day.
func (m *Model) Reflection() journal.Reflection {
	v := m.vals
	r := journal.Reflection{
		Date:        m.today,
		Mood:        v.Mood,
		Ritual:      v.Ritual,
		Win:         strings.TrimSpace(v.Win),
		Intention:   strings.TrimSpace(v.Intention),
		CompletedAt: m.ctx.Now().UTC(),
		Sessions:    1,
	}
	if m.prompt.ID != "" {
		r.PromptIDs = []string{m.prompt.ID}
	}
	if a := strings.TrimSpace(v.Answer); a != "" {
		r.Answers = []journal.Answer{{Prompt: m.prompt.Text, Answer: a}}
	}
	return r
}

func (m *Model) save() tea.Cmd {
	r := m.Reflection()
	st, today, goal := m.ctx.Store, m.today, m.ctx.Settings.WeekGoal
	return func() tea.Msg {
		out, err := st.SaveReflection(r)
		if err != nil {
			return saveFailed{err}
		}
		msg := Saved{Reflection: out}
		// The streak is a nicety on the last screen: no streak, no fuss.
		if _, res, err := progress.Streak(st, today, goal); err == nil {
			msg.Streak = &res
		}
		return msg
	}
}

// Keys for the footer and help.
func (m *Model) Keys() help.KeyMap {
	switch {
	case m.confirm:
		return keyGroup{m.keys.Yes, m.keys.No}
	case m.step == stepRitual && m.ritual.Type == "breathing" && !m.phase.Done:
		pause := m.keys.Pause
		if m.paused {
			pause.SetHelp("space", "resume")
		}
		return keyGroup{m.keys.Skip, pause, m.keys.SkipEsc}
	case m.step == stepRitual:
		return keyGroup{m.keys.Continue}
	case m.step == stepDone:
		return keyGroup{m.keys.Finish}
	case m.isFormStep():
		if m.step == stepMood {
			return keyGroup{m.keys.Choose, m.keys.Next, m.keys.Leave}
		}
		if m.step == stepRitualPick {
			return keyGroup{m.keys.Choose, m.keys.Next, m.keys.Prev, m.keys.Leave}
		}
		return keyGroup{m.keys.Next, m.keys.Prev, m.keys.Leave}
	}
	return keyGroup{m.keys.Leave}
}
