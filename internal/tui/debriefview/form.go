package debriefview

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/formscreen"
)

// openForm opens the answers form, filled with the answers recorded.
func (m *Model) openForm() tea.Cmd {
	qs := m.kit.Questions
	vals := make([]string, len(qs))
	for i, q := range qs {
		vals[i] = answerTo(m.no.Debrief, q)
	}
	m.answers = &vals
	m.copied = ""
	m.formErr = ""
	return m.form.Open()
}

// formEvent acts on what the answers form reports.
func (m *Model) formEvent(ev formscreen.Event, cmd tea.Cmd) (common.Screen, tea.Cmd) {
	switch ev {
	case formscreen.Submitted:
		return m, tea.Batch(cmd, m.save())
	case formscreen.Left:
		m.form.Close()
	case formscreen.Discarded:
		m.form.Close()
		m.answers = nil
		return m, tea.Batch(cmd, common.Say("Left the answers as they were."))
	case formscreen.Quit:
		return m, tea.Batch(cmd, tea.Quit)
	}
	return m, cmd
}

// answerTo is the recorded answer to question q ("" when none).
func answerTo(as []journal.Answer, q string) string {
	for _, a := range as {
		if a.Prompt == q {
			return a.Answer
		}
	}
	return ""
}

func inQuestions(qs []string, p string) bool {
	for _, q := range qs {
		if q == p {
			return true
		}
	}
	return false
}

// pages put each question on a page of its own.
func (m *Model) pages() [][]huh.Field {
	fields := m.fields()
	out := make([][]huh.Field, len(fields))
	for i, f := range fields {
		out[i] = []huh.Field{f}
	}
	return out
}

// fields are one text field per question, over m.answers.
func (m *Model) fields() []huh.Field {
	qs := m.kit.Questions
	out := make([]huh.Field, len(qs))
	for i, q := range qs {
		out[i] = huh.NewText().
			Title(q).
			Description(answerHint(i, len(qs))).
			Lines(5).CharLimit(journal.MaxField).
			Value(&(*m.answers)[i])
	}
	return out
}

func answerHint(i, n int) string {
	return fmt.Sprintf("Question %d of %d — what did they say? Leave it empty if you didn't ask.", i+1, n)
}

// chrome is the lines the screen draws above the form.
const chrome = 3

func (m *Model) dirty() bool {
	if m.answers == nil {
		return false
	}
	for i, v := range *m.answers {
		if strings.TrimSpace(v) != strings.TrimSpace(answerTo(m.no.Debrief, m.kit.Questions[i])) {
			return true
		}
	}
	return false
}

// Answers turns the typed values into the No's debrief answers (empty ones left out).
func Answers(questions, values []string) []journal.Answer {
	var out []journal.Answer
	for i, q := range questions {
		if i < len(values) && strings.TrimSpace(values[i]) != "" {
			out = append(out, journal.Answer{Prompt: q, Answer: strings.TrimSpace(values[i])})
		}
	}
	return out
}

func (m *Model) save() tea.Cmd {
	n := m.no
	answers := Answers(m.kit.Questions, *m.answers)
	// Keep answers to questions this mode no longer asks.
	for _, a := range m.no.Debrief {
		if !inQuestions(m.kit.Questions, a.Prompt) {
			answers = append(answers, a)
		}
	}
	n.Debrief = answers
	return m.store(m.no, n)
}

// store saves n over base (the No as the screen loaded it): a change made
// elsewhere to other fields survives, and answers changed on both sides come
// back as a conflict to choose from.
func (m *Model) store(base, n journal.No) tea.Cmd {
	st, now := m.db, m.ctx.Now()
	return func() tea.Msg {
		saved, err := st.SaveNo(base, n, now)
		var c *journal.ConflictError
		if errors.As(err, &c) {
			return savedMsg{conflict: c}
		}
		return savedMsg{no: saved, err: err}
	}
}
