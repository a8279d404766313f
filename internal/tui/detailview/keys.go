package detailview

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
)

// KeyMap is the detail screen's keys. The scrolling keys are the pager's
// usual ones (those of bubbles' viewport) less b and d, which open the
// debrief kit and delete here.
type KeyMap struct {
	Reframe, Outcome, Edit, Delete, Debrief, Who, Back key.Binding
	// Prep opens the prep card of the No's prospect.
	Prep key.Binding
	// Win logs a win from the No's referral, FollowReferral makes reaching
	// out to the person referred this No's next step; both only when it
	// has a referral.
	Win, FollowReferral key.Binding
	common.ScrollKeys

	Pick OutcomeKeys
}

// OutcomeKeys are the outcome picker's, as on the follow-ups list: Choose
// is Prev and Next as one entry of the help.
type OutcomeKeys struct{ Prev, Next, Choose, Pick, Set, Cancel key.Binding }

// DefaultKeys for the detail screen.
func DefaultKeys() KeyMap {
	prev := key.NewBinding(key.WithKeys("left", "h", "up", "k", "shift+tab"))
	next := key.NewBinding(key.WithKeys("right", "l", "down", "j", "tab"))
	picks := make([]string, len(journal.Outcomes))
	for i := range picks {
		picks[i] = strconv.Itoa(i + 1)
	}
	return KeyMap{
		Reframe:        key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reframe")),
		Outcome:        key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "outcome")),
		Debrief:        key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "debrief")),
		Who:            key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "history")),
		Prep:           key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "prep card")),
		Edit:           key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:         key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Win:            key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "win from referral")),
		FollowReferral: key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "follow up the referral")),
		ScrollKeys: common.ScrollKeys{
			Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
			Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
			PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
			PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/f", "page down")),
			HalfUp:   key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "½ page up")),
			HalfDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "½ page down")),
		},
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Pick: OutcomeKeys{
			Prev:   prev,
			Next:   next,
			Choose: key.NewBinding(key.WithKeys(append(prev.Keys(), next.Keys()...)...), key.WithHelp("←/→", "choose")),
			Pick:   key.NewBinding(key.WithKeys(picks...), key.WithHelp(fmt.Sprintf("1-%d", len(picks)), "set that one")),
			Set:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set")),
			Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		},
	}
}

// ShortHelp is the footer (one line at 80 columns; ? says the rest).
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Reframe, k.Outcome, k.Edit, k.Delete, k.Debrief, k.Who, k.Win, k.Back}
}

// fitted drops the least needed hints until the footer fits (with a
// referral's key the line is longer than 80 columns).
type fitted struct {
	KeyMap
	width int
}

func (f fitted) ShortHelp() []key.Binding {
	return common.FitShortHelp(f.KeyMap.ShortHelp(), f.width, "w", "b", "d")
}

// FullHelp is the ? overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Reframe, k.Outcome, k.Edit, k.Delete},
		{k.Debrief, k.Who, k.Prep, k.Win, k.FollowReferral},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.HalfUp, k.HalfDown},
		{k.Back},
	}
}

// ShortHelp is the footer while the outcome is picked.
func (k OutcomeKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Choose, k.Pick, k.Set, k.Cancel}
}

// FullHelp is the same keys.
func (k OutcomeKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// deleteKeys answer "Delete No #…?".
var deleteKeys = confirm.Keys("delete", "keep it")
