package logview

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// Standalone is the quick log form outside the TUI (accessible mode): the
// same questions and validation as the screen, run one by one by the caller.
type Standalone struct{ m *Model }

// NewStandalone starts an empty quick log, saved to db. ctx needs Catalog,
// Settings and Now; Styles is not used.
func NewStandalone(ctx *common.Context, db Store) *Standalone {
	return &Standalone{m: &Model{ctx: ctx, db: db, vals: &values{Date: "today", Source: "guess"}, standalone: true}}
}

// Questions are fresh fields over the form's values, with their hints.
// Asking them again (after a failed check) starts from what was typed.
func (s *Standalone) Questions() []common.Question {
	qs := common.Questions(s.m.fields(), s.m.hints())
	for i, q := range qs {
		// The other reasons are offered once the reason is answered.
		if q.Field.GetKey() == "secondary_reasons" {
			qs[i].Before = s.m.followReason
		}
	}
	return qs
}

// Save checks and stores the No (through the screen's own save command).
// A change made elsewhere to a field the user changed too comes back as a
// *journal.ConflictError, to finish with SaveResolved.
func (s *Standalone) Save() (journal.No, error) {
	return result(s.m.save()())
}

// SaveResolved saves n, the user's choice over base after a conflict.
func (s *Standalone) SaveResolved(base, n journal.No) (journal.No, error) {
	return result(s.m.store(base, n)())
}

func result(msg tea.Msg) (journal.No, error) {
	switch msg := msg.(type) {
	case Saved:
		return msg.No, nil
	case saveFailed:
		return journal.No{}, msg.err
	case conflicted:
		return journal.No{}, msg.c
	}
	return journal.No{}, fmt.Errorf("save: unexpected %T", msg)
}

// NewStandaloneEdit starts the edit form of n outside the TUI: the same
// questions as the edit screen (with the date and the outcome), filled in.
func NewStandaloneEdit(ctx *common.Context, db Store, n journal.No) *Standalone {
	reason, source := reasonOf(n)
	m := &Model{ctx: ctx, db: db, editing: &n, standalone: true, vals: &values{
		Who: n.Who, Contact: n.Contact, Said: n.Said, Reason: reason, Source: source, Change: n.Change,
		FollowUp: string(n.FollowUp), Outcome: string(n.Outcome), Date: string(n.Date),
		Mode: modeValuesOf(n),
	}}
	return &Standalone{m: m}
}
