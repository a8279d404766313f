// Package reframeview is the full reframe flow for one No: nine short
// steps (what they said, the real reason, the kind of no, the turnaround
// and the referral ask, the alternative they chose, the thought record in
// three — the thought, its thinking traps, the evidence and a balanced
// view — and your reframe), each a huh form. Every step is
// saved as it completes, so leaving at any point keeps a draft on the No
// (ReframeStep) and reopening resumes there with the answers filled in.
package reframeview

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/conflict"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// Store is what the reframe flow reads and writes (*store.Store is one).
type Store interface {
	GetNo(id uint64) (journal.No, error)
	SaveNo(base, edited journal.No, now time.Time) (journal.No, error)
}

// Model is the reframe screen.
type Model struct {
	ctx  *common.Context
	db   Store
	keys keyMap
	id   uint64

	no      *journal.No // nil until loaded
	loadErr error

	step int               // 1..numSteps
	vals *values           // what the fields edit
	orig values            // what is stored, as the fields show it
	form *formscreen.Model // the step's form
	// traps is the thinking-traps step's list while it is on screen: the
	// highlighted trap's example is spelled out under it.
	traps *huh.MultiSelect[string]
	// pending are keys typed while a save was on its way.
	pending []tea.KeyPressMsg

	// suggested explains a pre-filled follow-up date (empty: none).
	suggested string
	// spelled: reasons carry their hints in their labels (accessible mode).
	spelled bool

	width, height int
	// standalone: asked as accessible prompts (selects bind by pointer, so
	// an empty answer keeps the current value).
	standalone  bool
	saving      bool
	err         string // a save or input problem, shown above the form
	note        string // a passing hint, shown above the form
	leaveFailed bool   // the draft could not be saved; esc again leaves anyway

	// chooser is open when a save met a change made elsewhere to a field
	// the user changed too; retry is the save it interrupted.
	chooser *conflict.Model
	retry   saved
}

// after says what happens once a save lands.
type after int

const (
	afterGoto   after = iota // show step
	afterLeave               // go back (esc)
	afterFinish              // the last step is done
	afterQuit                // ctrl+c: save, then quit the app
)

type loaded struct{ no journal.No }
type loadFailed struct{ err error }

type saved struct {
	no   journal.No
	vals values
	then after
	step int
	// dropped explains a field left out of a draft (an unreadable date).
	dropped string
	// resolved: the user chose between their values and others' on the way.
	resolved bool
}

// conflicted is a save refused because a field changed on both sides.
type conflicted struct {
	c     *journal.ConflictError
	retry saved
}

type saveFailed struct {
	err  error
	then after
}

// New opens the flow for No id; it loads in Init.
func New(ctx *common.Context, db Store, id uint64) *Model {
	m := &Model{ctx: ctx, db: db, id: id, keys: newKeyMap(), vals: &values{}, step: 1}
	m.form = formscreen.New(formscreen.Config{
		Styles: ctx.Styles,
		Fields: func() [][]huh.Field { return [][]huh.Field{m.fields(m.step)} },
		Leave:  m.keys.Leave,
		// Leaving never asks: every change is kept as a draft.
		Height: func(int) int { return m.formHeight() },
	})
	return m
}

// Init loads the No.
func (m *Model) Init() tea.Cmd {
	st, id := m.db, m.id
	return func() tea.Msg {
		n, err := st.GetNo(id)
		if err != nil {
			return loadFailed{err}
		}
		return loaded{n}
	}
}

// Title names the screen.
func (m *Model) Title() string { return fmt.Sprintf("Reframe No #%d", m.id) }

// Capturing: once the form is up every key goes to it (esc saves a draft).
func (m *Model) Capturing() bool { return m.no != nil }

// SetSize records the space below the header.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.form.SetSize(w, h)
}

// mode is the No's own mode (its reasons and kinds), else the one in use.
func (m *Model) mode() *coach.Mode {
	if m.no != nil && m.no.Mode != "" {
		if md, err := m.ctx.Catalog.Mode(m.no.Mode); err == nil {
			return md
		}
	}
	return m.ctx.Mode()
}

// Update handles loading, saving, the step keys, and forwards the rest to the form.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if m.chooser != nil {
		switch msg := msg.(type) {
		case conflict.Resolved:
			m.chooser = nil
			return m, m.store(msg.Base, msg.No, m.retry)
		case conflict.Cancelled:
			m.chooser = nil
			return m.Update(saveFailed{errors.New("not saved yet: this No was changed elsewhere; go on (ctrl+n) to choose what to keep"), m.retry.then})
		case tea.KeyPressMsg:
			return m, m.chooser.Update(msg)
		case tea.WindowSizeMsg:
			m.width, m.height = msg.Width, msg.Height
			m.chooser.SetWidth(msg.Width)
			return m, nil
		}
	}
	switch msg := msg.(type) {
	case conflicted:
		m.retry = msg.retry
		m.chooser = conflict.New(m.ctx.Styles, msg.c, m.width)
		return m, nil
	case loaded:
		n := msg.no
		m.no = &n
		m.orig = valuesOf(n)
		*m.vals = m.orig
		m.step = 1
		if n.ReframeStep >= 1 && n.ReframeStep <= numSteps {
			m.step = n.ReframeStep
			m.note = fmt.Sprintf("Welcome back: your draft resumes at step %d.", m.step)
			if inThoughtRecord(m.step) {
				// The note takes the line that says how to skip it.
				m.note = fmt.Sprintf("Welcome back: your draft resumes at step %d; ctrl+n skips the thought record.", m.step)
			}
		}
		return m, m.showStep()
	case loadFailed:
		m.loadErr = msg.err
		return m, nil
	case saved:
		return m.onSaved(msg)
	case saveFailed:
		m.saving = false
		m.err = msg.err.Error()
		m.leaveFailed = msg.then == afterLeave || msg.then == afterQuit
		if m.leaveFailed {
			// The way out first: the line may be cut at the screen's edge.
			m.err = "esc again leaves without saving · " + m.err
		}
		if f := m.form.Form(); f != nil && f.State != huh.StateNormal {
			// A completed form can't take keys again: rebuild it over the same values.
			show := m.showStep()
			return m, tea.Batch(show, m.replay())
		}
		return m, m.replay()
	case common.DataChanged:
		// Our own saves change the file too; reloading would throw away typing.
		return m, nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		_, cmd := m.form.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		if m.no == nil {
			if key.Matches(msg, m.keys.Back) {
				return m, common.GoBack
			}
			return m, nil
		}
		if m.saving || len(m.pending) > 0 || m.form.Settling() {
			if key.Matches(msg, m.keys.Quit) && !m.saving {
				// ctrl+c acts at once: a draft of what is on screen, then quit.
				m.pending = nil
				return m.key(msg)
			}
			// A save takes a moment, and the form's focus moves with a
			// message of its own: keys typed meanwhile wait, in order, and
			// go to the next step or field.
			if len(m.pending) < 512 {
				m.pending = append(m.pending, msg)
			}
			return m, m.replay()
		}
		return m.key(msg)
	}
	return m.toForm(msg)
}

// key is a key typed now: the step keys, else the form's.
func (m *Model) key(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.leave(afterQuit)
	case inThoughtRecord(m.step) && key.Matches(msg, m.keys.SkipThought):
		// One key leaves the whole thought record (what was typed is kept).
		return m.move(stepReframe)
	case key.Matches(msg, m.keys.NextStep):
		return m.move(m.step + 1)
	case key.Matches(msg, m.keys.PrevStep):
		if m.step == 1 {
			m.note, m.err = "This is the first step.", ""
			return m, nil
		}
		return m.move(m.step - 1)
	}
	m.note = ""
	return m.toForm(msg)
}

// toForm gives msg to the form and acts on what it did; once the form's
// focus has moved, the keys that waited for it follow.
func (m *Model) toForm(msg tea.Msg) (common.Screen, tea.Cmd) {
	if !m.form.Active() || m.saving {
		return m, nil
	}
	// esc (Leave) and huh's own abort come back as Left: save a draft.
	ev, cmd := m.form.Update(msg)
	switch ev {
	case formscreen.Submitted:
		m2, next := m.move(m.next())
		return m2, tea.Batch(cmd, next)
	case formscreen.Left:
		m2, leave := m.leave(afterLeave)
		return m2, tea.Batch(cmd, leave)
	}
	if _, typed := msg.(tea.KeyPressMsg); !typed && len(m.pending) > 0 && !m.busy() {
		return m, tea.Batch(cmd, m.replay())
	}
	return m, cmd
}

// next is the step after this one when its form is done: no thought
// noted leaves the rest of the thought record (nothing to weigh), the
// same on screen and in accessible mode; else the next step.
func (m *Model) next() int {
	if m.step == stepThought && strings.TrimSpace(m.vals.Thought) == "" {
		return stepReframe
	}
	return m.step + 1
}

// busy: a save or a focus move is on its way; keys wait (pending).
func (m *Model) busy() bool { return m.saving || m.form.Settling() }

// move saves the current answers and shows step to (past the last: finish).
func (m *Model) move(to int) (common.Screen, tea.Cmd) {
	if _, err := parseFollowUp(m.vals.FollowUp, m.ctx.Now()); err != nil {
		m.err = err.Error()
		if f := m.form.Form(); f != nil && f.State != huh.StateNormal {
			return m, m.showStep()
		}
		return m, nil
	}
	if to > numSteps {
		return m, m.save(afterFinish, 0)
	}
	return m, m.save(afterGoto, to)
}

// leave saves a draft (when anything changed) and goes back, or quits.
func (m *Model) leave(then after) (common.Screen, tea.Cmd) {
	if then == afterQuit && (m.leaveFailed || m.vals.same(m.orig)) {
		return m, tea.Quit
	}
	if m.leaveFailed {
		return m, common.GoBack
	}
	if m.vals.same(m.orig) {
		if m.no.ReframeStep > 0 {
			// Nothing new, but the draft saved by the last step is there.
			return m, tea.Batch(common.Say(draftText(m.no.ID, m.no.ReframeStep)), common.GoBack)
		}
		return m, common.GoBack
	}
	return m, m.save(then, m.step)
}

func draftText(id uint64, step int) string {
	return fmt.Sprintf("Draft saved at step %d of %d — reopen No #%d to pick up where you left off.", step, numSteps, id)
}

// save writes the changed answers into the stored No (read afresh, so a
// change made elsewhere to other fields survives) with the step to resume at.
func (m *Model) save(then after, step int) tea.Cmd {
	m.saving, m.err = true, ""
	v, orig := *m.vals, m.orig
	st, cat := m.db, m.ctx.Catalog
	base := *m.no
	now := m.ctx.Now()
	return func() tea.Msg {
		dropped := ""
		if _, err := parseFollowUp(v.FollowUp, now); err != nil {
			// Only a draft gets here; keep the rest rather than lose it.
			dropped = fmt.Sprintf("the follow-up date %q couldn't be read, so it wasn't saved", textsafe.Truncate(v.FollowUp, 30))
			v.FollowUp = orig.FollowUp
		}
		n := base
		if err := v.applyTo(&n, orig, now); err != nil {
			return saveFailed{err, then}
		}
		n.ReframeStep = step
		if err := n.Validate(cat); err != nil {
			return saveFailed{err, then}
		}
		return saveNo(st, base, n, now, saved{vals: v, then: then, step: step, dropped: dropped})
	}
}

// store saves n, the user's choice after a conflict, over base.
func (m *Model) store(base, n journal.No, retry saved) tea.Cmd {
	st, now := m.db, m.ctx.Now()
	n.ReframeStep = retry.step
	retry.resolved = true
	return func() tea.Msg { return saveNo(st, base, n, now, retry) }
}

// saveNo writes n over base (the No as the flow last saw it): fields the
// flow did not change take what is stored now, and a field changed both
// here and elsewhere comes back as a conflict to choose from.
func saveNo(st Store, base, n journal.No, now time.Time, done saved) tea.Msg {
	out, err := st.SaveNo(base, n, now)
	var c *journal.ConflictError
	switch {
	case errors.As(err, &c):
		return conflicted{c, done}
	case err != nil:
		return saveFailed{fmt.Errorf("couldn't save (nothing you typed is lost): %w", err), done.then}
	}
	done.no = out
	return done
}

func (m *Model) onSaved(msg saved) (common.Screen, tea.Cmd) {
	m.saving, m.err, m.leaveFailed = false, "", false
	n := msg.no
	m.no = &n
	m.orig = msg.vals
	if msg.resolved {
		// The form shows what was kept, mine or theirs.
		m.orig = valuesOf(n)
		*m.vals = m.orig
	}
	who := textsafe.Truncate(n.Who, 30)
	switch msg.then {
	case afterGoto:
		m.step, m.note = msg.step, ""
		show := m.showStep()
		return m, tea.Batch(show, m.replay())
	case afterLeave, afterQuit:
		text := draftText(n.ID, msg.step)
		if msg.dropped != "" {
			text = "Draft saved, but " + msg.dropped + "."
		}
		if msg.then == afterQuit {
			return m, tea.Quit
		}
		return m, tea.Batch(common.Say(text), common.GoBack)
	}
	var text string
	if n.Reframed() {
		text = fmt.Sprintf("Reframed. No #%d (%s) is a lesson now", n.ID, who)
		if !n.FollowUp.IsZero() && !n.FollowUpDone {
			text += "; follow up " + string(n.FollowUp)
		}
		text += "."
	} else {
		text = fmt.Sprintf("Saved No #%d. Still waiting: %s.", n.ID, joinWords(missing(n)))
	}
	return m, tea.Batch(common.Say(text), common.GoBack)
}

// replay feeds the keys typed during a save or a focus move to the form
// now on screen, in order, until one of them starts another.
func (m *Model) replay() tea.Cmd {
	var cmds []tea.Cmd
	for len(m.pending) > 0 && !m.busy() {
		k := m.pending[0]
		m.pending = m.pending[1:]
		_, cmd := m.key(k)
		cmds = append(cmds, cmd)
	}
	if len(m.pending) == 0 {
		m.pending = nil
	}
	return tea.Batch(cmds...)
}

// showStep builds the form of the current step, laid out below the
// step's own lines (the quote, the kind explained).
func (m *Model) showStep() tea.Cmd {
	if m.step == stepReframe {
		m.suggestFollowUp()
	}
	return m.form.Open()
}

// Step is the step on screen (1-based).
func (m *Model) Step() int { return m.step }

// HelpKeyFree lets ? open the keys' help while the form's focused field
// takes no text.
func (m *Model) HelpKeyFree() bool { return m.form.HelpKeyFree() }

// Settling holds the keys typed while the step is saving or the form's
// focus is moving, and behind keys still waiting here (see pending).
func (m *Model) Settling() bool { return m.busy() || len(m.pending) > 0 }
