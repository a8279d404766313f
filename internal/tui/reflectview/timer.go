package reflectview

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/ritual"
)

// tickEvery paces the breathing animation.
const tickEvery = 100 * time.Millisecond

// tickMsg is one frame of the breathing animation; gen tells runs apart.
type tickMsg struct{ gen int }

// startRitual runs the chosen ritual.
func (m *Model) startRitual(r coach.Ritual) tea.Cmd {
	m.step, m.ritual = stepRitual, r
	m.form.Close()
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
