package detailview

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// The outcome picker: o asks "Where does … stand now?" with the outcomes
// in their order, as the follow-ups list does, and sets the one chosen in
// one write (followup.SetOutcome: kept in the history, a settled No's
// follow-up marked done, a new yes celebrated).

// outcomeSet reports the outcome written (or why not).
type outcomeSet struct {
	no     journal.No
	status string
	err    error
}

// pickLines is the picker's height below the No.
const pickLines = 3

// openPicker opens the picker on the No's outcome.
func (m *Model) openPicker() {
	m.picking = true
	m.pick = max(0, slices.Index(journal.Outcomes, m.no.Outcome))
	m.layout()
}

func (m *Model) closePicker() {
	m.picking = false
	m.layout()
}

// pickKey is a key while the picker is open.
func (m *Model) pickKey(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	k, n := m.keys.Pick, len(journal.Outcomes)
	switch {
	case key.Matches(msg, k.Cancel):
		m.closePicker()
		return m, nil
	case key.Matches(msg, k.Prev):
		m.pick = (m.pick + n - 1) % n
		return m, nil
	case key.Matches(msg, k.Next):
		m.pick = (m.pick + 1) % n
		return m, nil
	case key.Matches(msg, k.Pick):
		m.pick = slices.Index(k.Pick.Keys(), msg.String())
	case !key.Matches(msg, k.Set):
		return m, nil
	}
	m.closePicker()
	o := journal.Outcomes[m.pick]
	who := textsafe.Truncate(m.no.Who, 30)
	if o == m.no.Outcome {
		return m, common.Say(fmt.Sprintf("%s is already %s.", who, o.Words()))
	}
	st, id, now, yesWord := m.db, m.id, m.ctx.Now(), m.ctx.Mode().Words.Yes
	return m, func() tea.Msg {
		var said string
		n, err := st.PatchNo(id, now, func(n *journal.No) error {
			said = followup.SetOutcome(n, o, now, yesWord)
			if said == "" {
				said = fmt.Sprintf("%s is now %s.", textsafe.Truncate(n.Who, 30), o.Words())
			}
			return nil
		})
		if err != nil {
			return outcomeSet{err: fmt.Errorf("couldn't set the outcome: %w", err)}
		}
		return outcomeSet{no: n, status: said}
	}
}

// pickView is the picker: its question, the outcomes, its keys.
func (m *Model) pickView() string {
	st := m.ctx.Styles
	w := max(20, m.width)
	opts := make([]string, len(journal.Outcomes))
	for i, o := range journal.Outcomes {
		label := fmt.Sprintf("%d %s", i+1, o.Words())
		if i == m.pick {
			opts[i] = st.Selected.Render("[" + label + "]")
		} else {
			opts[i] = st.Text.Render(" " + label + " ")
		}
	}
	return strings.Join([]string{
		st.Title.Render(textsafe.Truncate("Where does "+textsafe.Inline(m.no.Who)+" stand now?", w)),
		strings.Join(opts, " "),
		st.Muted.Render(textsafe.Truncate("←/→ choose · enter sets it · a number sets its outcome at once · esc cancels", w)),
	}, "\n")
}
