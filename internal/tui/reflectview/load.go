package reflectview

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/progress"
	"github.com/rebound-coach/rebound/internal/ritual"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Store is what the reflection reads and writes (*store.Store is one):
// today's tally and recent sessions, the past wins a ritual may recall,
// the session itself, and what the streak loads.
type Store interface {
	Tallies(mode string, from, to journal.Day) (map[journal.Day]tally.Day, error)
	Reflections(from, to journal.Day) ([]journal.Reflection, error)
	Wins() ([]journal.Win, error)
	ListNos(q journal.Query) ([]journal.No, *journal.Cursor, error)
	SaveReflection(r journal.Reflection) (journal.Reflection, error)
	// LastReflectionBefore is the newest reflection before a day: its
	// intention is that day's.
	LastReflectionBefore(d journal.Day) (journal.Reflection, bool, error)
	progress.StreakStore
}

// Init loads today's numbers and the prompts seen lately.
func (m *Model) Init() tea.Cmd {
	st, today := m.db, m.today
	return func() tea.Msg {
		var out loadedMsg
		tallies, err := st.Tallies("", today, today) // every mode: today's No's are the person's
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
		last, _, err := st.LastReflectionBefore(today)
		if err != nil {
			return loadedMsg{err: err}
		}
		out.intention = last.Intention
		return out
	}
}

// loaded takes what Init read: today's No's, an earlier session, today's
// intention (and its answer, when an earlier session gave one), the prompt.
func (m *Model) loaded(msg loadedMsg) {
	m.nos, m.prior, m.lastIntention = msg.nos, msg.prior, msg.intention
	if m.prior != nil {
		m.vals.Kept = string(m.prior.IntentionKept)
	}
	m.prompt = m.mode.PickPrompt(msg.seen, m.today)
}

// loadMemory finds one past win: a logged win, a No that became a yes, or
// a win written in an earlier reflection.
func (m *Model) loadMemory() tea.Cmd {
	st, today, yes := m.db, m.today, m.mode.Words.Yes
	session := 0
	if m.prior != nil {
		session = max(m.prior.Sessions, 1)
	}
	return func() tea.Msg {
		wins, err := st.Wins()
		if err != nil {
			return memoryMsg{err: err}
		}
		nos, _, err := st.ListNos(journal.Query{Outcome: string(journal.OutcomeYes), Limit: 50})
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
		Date:          m.today,
		Mood:          v.Mood,
		Ritual:        v.Ritual,
		Win:           strings.TrimSpace(v.Win),
		Intention:     strings.TrimSpace(v.Intention),
		IntentionKept: m.keptAnswer(),
		CompletedAt:   m.ctx.Now().UTC(),
		Sessions:      1,
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
	st, today, set := m.db, m.today, m.ctx.Settings
	return func() tea.Msg {
		out, err := st.SaveReflection(r)
		if err != nil {
			return saveFailed{err}
		}
		msg := Saved{Reflection: out}
		// The streak is a nicety on the last screen: no streak, no fuss.
		if _, res, err := progress.Streak(st, today, set); err == nil {
			msg.Streak = &res
		}
		return msg
	}
}
