package followupsview

import (
	"fmt"
	"slices"
	"strconv"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/followup"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// KeyMap is the follow-ups screen's keys, with those of its prompts.
type KeyMap struct {
	Up, Down, Top, Bottom, Open, Done, Snooze, SnoozeWeek, Reschedule, SetOutcome, Accept, Debrief, Who, LetGo, Back key.Binding
	// Prep opens the prep card of the selected follow-up's prospect.
	Prep key.Binding

	Date    DateKeys
	Outcome OutcomeKeys
	Next    confirm.KeyMap
	Late    LateKeys
}

// DateKeys are the keys while a date is typed (the rest edit it).
type DateKeys struct{ Set, Cancel key.Binding }

// OutcomeKeys are the keys of the outcome picker. Choose is Prev and Next
// as one entry of the help.
type OutcomeKeys struct{ Prev, Next, Choose, Pick, Set, Cancel key.Binding }

// DefaultKeys for the follow-ups screen.
func DefaultKeys() KeyMap {
	prev := key.NewBinding(key.WithKeys("left", "h", "up", "k", "shift+tab"))
	next := key.NewBinding(key.WithKeys("right", "l", "down", "j", "tab"))
	picks := make([]string, len(journal.Outcomes))
	for i := range picks {
		picks[i] = strconv.Itoa(i + 1)
	}
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:        key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "top")),
		Bottom:     key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "bottom")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Done:       key.NewBinding(key.WithKeys("x", "d"), key.WithHelp("x/d", "done")),
		Snooze:     key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "+1 day")),
		SnoozeWeek: key.NewBinding(key.WithKeys("Z"), key.WithHelp("Z", "+1 week")),
		Reschedule: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "date")),
		SetOutcome: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "outcome")),
		Accept:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "accept")),
		Debrief:    key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "debrief")),
		Who:        key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "history")),
		Prep:       key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "prep card")),
		LetGo:      key.NewBinding(key.WithKeys("L"), key.WithHelp("L", fmt.Sprintf("close or re-date those %d+ days late", followup.LongLate))),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Date: DateKeys{
			Set:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set the date")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
		Outcome: OutcomeKeys{
			Prev:   prev,
			Next:   next,
			Choose: key.NewBinding(key.WithKeys(append(prev.Keys(), next.Keys()...)...), key.WithHelp("←/→", "choose")),
			Pick:   key.NewBinding(key.WithKeys(picks...), key.WithHelp(fmt.Sprintf("1-%d", len(picks)), "set that one")),
			Set:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
		// enter takes the offered date too; any other key leaves it done.
		Next: confirm.KeyMap{
			Yes: key.NewBinding(key.WithKeys("y", "Y", "enter"), key.WithHelp("y/enter", "set the next check-in")),
			No:  key.NewBinding(key.WithKeys("n"), key.WithHelp("any other key", "leave it done")),
		},
		Late: LateKeys{
			Yes:  key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "close them")),
			Date: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "a new date")),
			No:   key.NewBinding(key.WithKeys("n"), key.WithHelp("any other key", "keep them")),
		},
	}
}

// ShortHelp is the footer.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Done, k.Snooze, k.Reschedule, k.SetOutcome, k.Accept, k.Open, k.Back}
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.Open, k.Back},
		{k.Done, k.Snooze, k.SnoozeWeek, k.Reschedule},
		{k.SetOutcome, k.Accept, k.Debrief, k.Who, k.Prep, k.LetGo},
	}
}

func (k DateKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Set, k.Cancel} }
func (k DateKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func (k OutcomeKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Choose, k.Pick, k.Set, k.Cancel}
}
func (k OutcomeKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Keys for the footer and help: the open prompt's, else the list's.
func (m *Model) Keys() help.KeyMap {
	switch {
	case m.late.Open():
		return m.keys.Late
	case m.next.Open():
		return m.next.Help()
	case m.prompt == promptDate:
		return m.keys.Date
	case m.prompt == promptOutcome:
		return m.keys.Outcome
	}
	return m.keys
}

// key handles a key press: the open prompt's keys first, else the list's.
func (m *Model) key(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	if m.next.Open() {
		if m.next.Answer(msg) {
			d := m.nextDay
			return m, m.move(m.target.ID, func(n *journal.No) (string, string, bool) {
				followup.Reschedule(n, d)
				return fmt.Sprintf("Next check-in with %s: %s.", textsafe.Truncate(n.Who, 30), weekday(d)), "", false
			})
		}
		return m, common.Say("No next check-in set; the follow-up stays done.")
	}
	if m.late.Open() {
		return m.lateKey(msg)
	}
	switch m.prompt {
	case promptDate:
		return m.dateKey(msg)
	case promptOutcome:
		return m.outcomeKey(msg)
	}
	m.banner = ""
	k := m.keys
	r, ok := m.selected()
	switch {
	case key.Matches(msg, k.Back):
		return m, common.GoBack
	case key.Matches(msg, k.Up):
		m.sel--
	case key.Matches(msg, k.Down):
		m.sel++
	case key.Matches(msg, k.Top):
		m.sel = 0
	case key.Matches(msg, k.Bottom):
		m.sel = len(m.rows) - 1
	case key.Matches(msg, k.LetGo):
		if len(m.longLateIDs()) == 0 && m.counts.LongLate == 0 {
			return m, common.Say(fmt.Sprintf("No follow-up is more than %d days late.", followup.LongLate))
		}
		return m, m.askLongLate()
	case !ok:
		return m, nil
	case key.Matches(msg, k.Open):
		return m, common.NavigateTo(common.ScreenDetail, r.no.ID)
	case key.Matches(msg, k.Debrief):
		return m, common.NavigateTo(common.ScreenDebrief, r.no.ID)
	case key.Matches(msg, k.Who):
		who := r.no.Who
		return m, func() tea.Msg { return common.Navigate{To: common.ScreenWho, Name: who} }
	case key.Matches(msg, k.Prep):
		who := r.no.Who
		return m, func() tea.Msg { return common.Navigate{To: common.ScreenPrep, Name: who} }
	case key.Matches(msg, k.SetOutcome):
		m.prompt, m.target = promptOutcome, r.no
		m.outcome = max(0, slices.Index(journal.Outcomes, r.no.Outcome))
		return m, nil
	case key.Matches(msg, k.Reschedule):
		m.prompt, m.target, m.inputErr = promptDate, r.no, ""
		m.input.SetValue("")
		return m, m.input.Focus()
	case key.Matches(msg, k.Accept):
		if r.sec != secSuggested {
			return m, common.Say("a accepts a suggested date; this one already has a follow-up (s picks another).")
		}
		d := r.sug.Day
		return m, m.move(r.no.ID, func(n *journal.No) (string, string, bool) {
			followup.Reschedule(n, d)
			return fmt.Sprintf("Follow up with %s on %s.", textsafe.Truncate(n.Who, 30), weekday(d)), "", false
		})
	case r.sec == secSuggested && (key.Matches(msg, k.Done) || key.Matches(msg, k.Snooze) || key.Matches(msg, k.SnoozeWeek)):
		return m, common.Say("This No has no follow-up yet: a accepts the suggested date, s picks one.")
	case key.Matches(msg, k.Done):
		now, today, week := m.ctx.Now(), m.ctx.Today(), m.ctx.Settings.Workweek()
		return m, m.change(r.no.ID, func(n *journal.No) (string, string, bool) {
			s := fmt.Sprintf("Done: followed up with %s.", textsafe.Truncate(n.Who, 30))
			if followup.Done(n, now) {
				s += " Now following up."
			}
			_, ask := followup.NextCheckIn(*n, today, week)
			return s, "", ask
		})
	case key.Matches(msg, k.Snooze), key.Matches(msg, k.SnoozeWeek):
		days := 1
		if key.Matches(msg, k.SnoozeWeek) {
			days = 7
		}
		today := m.ctx.Today()
		return m, m.move(r.no.ID, func(n *journal.No) (string, string, bool) {
			d := followup.SnoozeBase(n.FollowUp, today).AddDays(days)
			followup.Reschedule(n, d)
			return fmt.Sprintf("Snoozed %s to %s.", textsafe.Truncate(n.Who, 30), weekday(d)), "", false
		})
	}
	m.clamp()
	return m, nil
}

// dateKey is a key while a date is typed.
func (m *Model) dateKey(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Date.Cancel):
		m.prompt, m.inputErr, m.lateIDs = promptNone, "", nil
		m.input.Blur()
		return m, nil
	case key.Matches(msg, m.keys.Date.Set):
		d, err := dates.Parse(m.input.Value(), m.ctx.Now())
		if err != nil {
			// One sentence; what was typed stays for fixing.
			m.inputErr = err.Error()
			return m, nil
		}
		if m.lateIDs != nil && d.Before(m.ctx.Today()) {
			m.inputErr = "Pick today or a later day: a date in the past would leave them late."
			return m, nil
		}
		m.prompt, m.inputErr = promptNone, ""
		m.input.Blur()
		if m.lateIDs != nil {
			return m, m.moveLate(d)
		}
		return m, m.move(m.target.ID, func(n *journal.No) (string, string, bool) {
			followup.Reschedule(n, d)
			return fmt.Sprintf("Follow up with %s on %s.", textsafe.Truncate(n.Who, 30), weekday(d)), "", false
		})
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// outcomeKey is a key while the outcome is picked.
func (m *Model) outcomeKey(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	k := m.keys.Outcome
	switch {
	case key.Matches(msg, k.Cancel):
		m.prompt = promptNone
		return m, nil
	case key.Matches(msg, k.Prev):
		m.outcome = (m.outcome + len(journal.Outcomes) - 1) % len(journal.Outcomes)
		return m, nil
	case key.Matches(msg, k.Next):
		m.outcome = (m.outcome + 1) % len(journal.Outcomes)
		return m, nil
	case key.Matches(msg, k.Pick):
		m.outcome = slices.Index(k.Pick.Keys(), msg.String())
	case !key.Matches(msg, k.Set):
		return m, nil
	}
	m.prompt = promptNone
	o := journal.Outcomes[m.outcome]
	if o == m.target.Outcome {
		return m, common.Say(fmt.Sprintf("%s is already %s.", textsafe.Truncate(m.target.Who, 30), o.Words()))
	}
	now, yesWord := m.ctx.Now(), m.ctx.Mode().Words.Yes
	return m, m.change(m.target.ID, func(n *journal.No) (string, string, bool) {
		c := followup.SetOutcome(n, o, now, yesWord)
		return fmt.Sprintf("%s is now %s.", textsafe.Truncate(n.Who, 30), o.Words()), c, false
	})
}
