package followupsview

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
)

// Store is what the follow-ups screen reads and writes (*store.Store is
// one): the follow-up rows, recent open No's to suggest, the No's a row
// needs in full, and a patch for each action.
type Store interface {
	FollowUpRows(to journal.Day) ([]journal.FollowUpRow, error)
	ListRows(q journal.Query) (*journal.Rows, *journal.Cursor, error)
	GetNos(ids []uint64) ([]journal.No, error)
	PatchNo(id uint64, now time.Time, fn func(n *journal.No) error) (journal.No, error)
}

type loadedMsg struct {
	seq       int
	groups    followup.Groups
	suggested []row
	err       error
}

// savedMsg reports a change written to the store.
type savedMsg struct {
	no        journal.No
	status    string
	celebrate string
	askNext   bool
	moved     bool // a new date: the cursor stays at its row (Model.move)
	err       error
}

// load reads the follow-ups in a command; seq tells a reload from an
// earlier one still on its way.
func (m *Model) load() tea.Cmd {
	m.seq++
	seq, st, cat, today, def, week := m.seq, m.db, m.ctx.Catalog, m.ctx.Today(), m.ctx.Mode(), m.ctx.Settings.Workweek()
	return func() tea.Msg {
		// The follow-up rows hold what the list shows; only a No with
		// neither a turnaround nor a next step is read in full, for the
		// words or reason its second line shows instead.
		rows, err := st.FollowUpRows(today.AddDays(followup.UpcomingDays))
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		nos := make([]journal.No, len(rows))
		var bare []uint64
		for i, r := range rows {
			nos[i] = r.No()
			if strings.TrimSpace(r.Change) == "" && strings.TrimSpace(r.Next) == "" {
				bare = append(bare, r.ID)
			}
		}
		full, err := st.GetNos(bare)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		byID := make(map[uint64]journal.No, len(full))
		for _, n := range full {
			byID[n.ID] = n
		}
		for i := range nos {
			if n, ok := byID[nos[i].ID]; ok {
				nos[i].Said, nos[i].Reason, nos[i].Mode = n.Said, n.Reason, n.Mode
			}
		}
		// Suggestions are for recent open No's without a follow-up date:
		// only those are read in full.
		recentRows, _, err := st.ListRows(journal.Query{From: today.AddDays(-SuggestDays), Outcome: string(journal.OutcomeOpen)})
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		var undated []uint64
		for r := range recentRows.All() {
			if r.FollowUp.IsZero() {
				undated = append(undated, r.ID)
			}
		}
		recent, err := st.GetNos(undated)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		var sug []row
		for _, n := range recent {
			mode := def
			if md, err := cat.Mode(n.Mode); err == nil {
				mode = md
			}
			if s, ok := followup.Suggest(mode, n, today, week); ok {
				sug = append(sug, row{sec: secSuggested, sug: s, no: n})
			}
		}
		return loadedMsg{seq: seq, groups: followup.Classify(nos, today, followup.UpcomingDays), suggested: sug}
	}
}
