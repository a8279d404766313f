package followupsview

// Follow-ups months overdue: one gentle line over the overdue section, and
// L to close them all or give them all a new date, instead of a growing
// wall of "334 days late".

import (
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/words"
)

// LateKeys answer "Close the follow-ups …?": y closes them, d gives them a
// new date, any other key keeps them as they are.
type LateKeys struct{ Yes, Date, No key.Binding }

func (k LateKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Yes, k.Date, k.No} }
func (k LateKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// longLateIDs are the follow-ups more than followup.LongLate days late.
func (m *Model) longLateIDs() []uint64 {
	var ids []uint64
	for _, r := range m.rows {
		if r.sec == secOverdue && r.item.DaysLate > followup.LongLate {
			ids = append(ids, r.no.ID)
		}
	}
	return ids
}

// lateMsg brings every long-late follow-up when the list has not read
// them all.
type lateMsg struct {
	ids []uint64
	err error
}

// askLongLate opens the question over the long-late follow-ups: those read,
// or, while pages are left to read, every one (read for the question: it
// is about all of them).
func (m *Model) askLongLate() tea.Cmd {
	if m.page == nil {
		return m.askLate(m.longLateIDs())
	}
	st, today := m.db, m.ctx.Today()
	return func() tea.Msg {
		rows, err := st.FollowUpRows(today.AddDays(-followup.LongLate - 1))
		var ids []uint64
		for _, r := range rows {
			if sec, late, _, _ := followup.Place(r.Due, r.Date, r.Outcome, today, followup.UpcomingDays); sec == followup.Overdue && late > followup.LongLate {
				ids = append(ids, r.ID)
			}
		}
		return lateMsg{ids: ids, err: err}
	}
}

// askLate asks about ids.
func (m *Model) askLate(ids []uint64) tea.Cmd {
	if len(ids) == 0 {
		return common.Say(fmt.Sprintf("No follow-up is more than %d days late.", followup.LongLate))
	}
	m.lateIDs = ids
	m.late.Ask(fmt.Sprintf("Close %s more than %d days late? They stay in your journal.",
		words.Count(len(ids), "follow-up", "follow-ups"), followup.LongLate))
	return nil
}

// lateHint is the line under the question.
func (m *Model) lateHint() string {
	them := "them"
	if len(m.lateIDs) == 1 {
		them = "it"
	}
	return fmt.Sprintf("y closes %s · d gives %s a new date · any other key keeps %s", them, them, them)
}

// lateKey answers the question.
func (m *Model) lateKey(msg tea.KeyPressMsg) (*Model, tea.Cmd) {
	if key.Matches(msg, m.keys.Late.Date) {
		m.late.Close()
		m.prompt, m.inputErr, m.target = promptDate, "", journal.No{}
		m.input.SetValue("")
		return m, m.input.Focus()
	}
	ids := m.lateIDs
	if !m.late.Answer(msg) {
		m.lateIDs = nil
		return m, common.Say("Kept as they are; L asks again whenever you like.")
	}
	m.lateIDs = nil
	now, today := m.ctx.Now(), m.ctx.Today()
	return m, m.changeAll(ids, func(n *journal.No) { followup.LetGo(n, now) }, today, func(k int) string {
		return fmt.Sprintf("Closed %s. They stay in your journal; any of them can be reopened (o on the No).", words.Count(k, "follow-up", "follow-ups"))
	})
}

// moveLate gives the long-late follow-ups the typed date d.
func (m *Model) moveLate(d journal.Day) tea.Cmd {
	ids := m.lateIDs
	m.lateIDs = nil
	return m.changeAll(ids, func(n *journal.No) { followup.Reschedule(n, d) }, m.ctx.Today(), func(k int) string {
		return fmt.Sprintf("Moved %s to %s.", words.Count(k, "follow-up", "follow-ups"), weekday(d))
	})
}

// errMoved skips a No no longer long late (done, settled or moved in
// another terminal since the list was read): its patch writes nothing.
var errMoved = errors.New("no longer long late")

// changeAll applies fn to each No of ids still long late, each in its own
// write (so another terminal's edit of one is never lost), and says how
// many changed.
func (m *Model) changeAll(ids []uint64, fn func(n *journal.No), today journal.Day, said func(k int) string) tea.Cmd {
	st, now := m.db, m.ctx.Now()
	return func() tea.Msg {
		k := 0
		for _, id := range ids {
			_, err := st.PatchNo(id, now, func(n *journal.No) error {
				if !followup.StillLongLate(*n, today) {
					return errMoved
				}
				fn(n)
				return nil
			})
			switch {
			case errors.Is(err, errMoved):
			case err != nil:
				return savedMsg{err: fmt.Errorf("couldn't save the change after %d of %d: %w", k, len(ids), err)}
			default:
				k++
			}
		}
		return savedMsg{status: said(k)}
	}
}
