package debriefview

import (
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Standalone records the debrief answers of a No outside the TUI
// (accessible mode): the same questions and save as the screen's form.
type Standalone struct{ m *Model }

// NewStandalone prepares the kit and the answers form for n, filled with
// the answers already recorded, saved to db. ctx needs Catalog, Settings
// and Now; Styles is not used.
func NewStandalone(ctx *common.Context, db Store, n journal.No) *Standalone {
	m := New(ctx, db, n.ID)
	m.loaded, m.no = true, n
	m.mode = ctx.Mode()
	if md, err := ctx.Catalog.Mode(n.Mode); err == nil && n.Mode != "" {
		m.mode = md
	}
	m.kit = coach.NewKit(m.mode, n, ctx.Settings.Name)
	vals := make([]string, len(m.kit.Questions))
	for i, q := range m.kit.Questions {
		vals[i] = answerTo(n.Debrief, q)
	}
	m.answers = &vals
	return &Standalone{m: m}
}

// Kit is the filled-in kit.
func (s *Standalone) Kit() coach.Kit { return s.m.kit }

// Questions are one field per debrief question, with hints. An answer
// already recorded is the field's value.
func (s *Standalone) Questions() []common.Question {
	fields := s.m.fields()
	out := make([]common.Question, len(fields))
	for i, f := range fields {
		out[i] = common.Question{Field: f, Hint: answerHint(i, len(fields))}
	}
	return out
}

// Save stores the answers on the No (keeping answers to questions the
// mode no longer asks) and returns the No as saved.
func (s *Standalone) Save() (journal.No, error) {
	return s.result(s.m.save()())
}

// SaveResolved saves n, the user's choice over base after a conflict.
func (s *Standalone) SaveResolved(base, n journal.No) (journal.No, error) {
	return s.result(s.m.store(base, n)())
}

func (s *Standalone) result(m tea.Msg) (journal.No, error) {
	msg, _ := m.(savedMsg)
	if msg.conflict != nil {
		return journal.No{}, msg.conflict
	}
	if msg.err != nil {
		return journal.No{}, msg.err
	}
	s.m.no = msg.no
	return msg.no, nil
}
