package followupsview

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
)

// Store is what the follow-ups screen reads and writes (*store.Store is
// one): the follow-up rows a page at a time and their counts, recent open
// No's to suggest, the No's a row needs in full, and a patch for each
// action (all the long-late rows for L).
type Store interface {
	FollowUpRows(to journal.Day) ([]journal.FollowUpRow, error)
	FollowUpRowsPage(to journal.Day, after *journal.Cursor, limit int) ([]journal.FollowUpRow, *journal.Cursor, error)
	FollowUpCounts(today journal.Day, days, late int) (journal.FollowUpCounts, error)
	ListRows(q journal.Query) (*journal.Rows, *journal.Cursor, error)
	GetNos(ids []uint64) ([]journal.No, error)
	PatchNo(id uint64, now time.Time, fn func(n *journal.No) error) (journal.No, error)
	// KindOdds: how often each kind of no in a mode turned around (odds.go).
	KindOdds(mode string) (map[journal.Kind]journal.Odds, error)
}

// PageSize is how many follow-ups one read brings: the list opens on the
// first page, with the counts of them all, and reads the next as the
// selection nears the end of what it has read.
const PageSize = 200

// MaxSuggested is how many recent No's without a date the list suggests
// dates for: the newest.
const MaxSuggested = 20

type loadedMsg struct {
	seq       int
	groups    followup.Groups
	suggested []row
	counts    journal.FollowUpCounts
	next      *journal.Cursor // where the next page starts; nil: all read
	read      int             // follow-up rows read
	odds      map[uint64]journal.Odds
	err       error
}

// pageMsg is the next page of follow-ups.
type pageMsg struct {
	seq    int
	groups followup.Groups
	next   *journal.Cursor
	read   int
	odds   map[uint64]journal.Odds
	err    error
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
// A reload reads again as many follow-ups as were read, so the list the
// user scrolled through stays.
func (m *Model) load() tea.Cmd {
	m.seq++
	seq, st, cat, today, def, week := m.seq, m.db, m.ctx.Catalog, m.ctx.Today(), m.ctx.Mode(), m.ctx.Settings.Workweek()
	limit := max(PageSize, m.read)
	return func() tea.Msg {
		counts, err := st.FollowUpCounts(today, followup.UpcomingDays, followup.LongLate)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		g, next, read, odds, err := readPage(st, today, nil, limit)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		// Suggestions are for recent open No's without a follow-up date,
		// the newest MaxSuggested: only those are read in full.
		var sug []row
		q := journal.Query{From: today.AddDays(-SuggestDays), Outcome: string(journal.OutcomeOpen), Limit: 4 * MaxSuggested}
		for len(sug) < MaxSuggested {
			recentRows, more, err := st.ListRows(q)
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
			for _, n := range recent {
				mode := def
				if md, err := cat.Mode(n.Mode); err == nil {
					mode = md
				}
				if s, ok := followup.Suggest(mode, n, today, week); ok && len(sug) < MaxSuggested {
					sug = append(sug, row{sec: secSuggested, sug: s, no: n})
				}
			}
			if more == nil {
				break
			}
			q.Before = more
		}
		return loadedMsg{seq: seq, groups: g, suggested: sug, counts: counts, next: next, read: read, odds: odds}
	}
}

// loadMore reads the page after the last follow-up read, once the
// selection is within a screen of it.
func (m *Model) loadMore() tea.Cmd {
	if m.page == nil || m.paging || m.sel < m.groups.Len()-PageSize/4 {
		return nil
	}
	m.paging = true
	seq, st, today, after := m.seq, m.db, m.ctx.Today(), *m.page
	return func() tea.Msg {
		g, next, read, odds, err := readPage(st, today, &after, PageSize)
		return pageMsg{seq: seq, groups: g, next: next, read: read, odds: odds, err: err}
	}
}

// readPage reads up to limit follow-up rows after the cursor and places
// them. The rows hold what the list shows; only a No with neither a
// turnaround nor a next step is read in full, for the words or reason its
// second line shows instead.
func readPage(st Store, today journal.Day, after *journal.Cursor, limit int) (followup.Groups, *journal.Cursor, int, map[uint64]journal.Odds, error) {
	rows, next, err := st.FollowUpRowsPage(today.AddDays(followup.UpcomingDays), after, limit)
	if err != nil {
		return followup.Groups{}, nil, 0, nil, err
	}
	odds, err := pageOdds(st, rows)
	if err != nil {
		return followup.Groups{}, nil, 0, nil, err
	}
	nos := make([]journal.No, len(rows))
	var bare []uint64
	for i, r := range rows {
		nos[i] = r.No()
		nos[i].Mode = r.Mode
		if strings.TrimSpace(r.Change) == "" && strings.TrimSpace(r.Next) == "" {
			bare = append(bare, r.ID)
		}
	}
	full, err := st.GetNos(bare)
	if err != nil {
		return followup.Groups{}, nil, 0, nil, err
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
	return followup.Classify(nos, today, followup.UpcomingDays), next, len(rows), odds, nil
}

// pageOdds are the odds of a page's follow-ups that have enough No's of
// their kind in their mode, by No id: the month tallies of each mode on
// the page, read once.
func pageOdds(st Store, rows []journal.FollowUpRow) (map[uint64]journal.Odds, error) {
	book := followup.NewOddsBook(st.KindOdds)
	out := map[uint64]journal.Odds{}
	for _, r := range rows {
		o, ok, err := book.Of(r.Mode, r.Kind)
		if err != nil {
			return nil, err
		}
		if ok {
			out[r.ID] = o
		}
	}
	return out, nil
}
