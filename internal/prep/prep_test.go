package prep

import (
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Build takes condition, next and follow-up each from the latest open No
// that has it (settled No's are past), and shows odds only from MinOdds.
func TestBuild(t *testing.T) {
	mode, _ := coach.Default().Mode("sales")
	nos := []journal.No{ // newest first
		{ID: 5, Outcome: journal.OutcomeYes, Change: "settled: not this one", Next: "no", FollowUp: "2026-12-01"},
		{ID: 4, Outcome: journal.OutcomeOpen, Kind: journal.KindNotNow, Next: "Send the ROI sheet"},
		{ID: 3, Outcome: journal.OutcomeFollowingUp, Change: "A pilot first", ConditionMet: true, FollowUp: "2026-12-09"},
		{ID: 2, Outcome: journal.OutcomeOpen, Change: "older", Next: "older", FollowUp: "2026-12-02"},
	}
	months := map[string]tally.Day{
		"2026-10": {Kinds: map[string]int{"not-now": 6}, Turned: map[string]int{"kind:not-now": 2}},
		"2026-11": {Kinds: map[string]int{"not-now": 4, "final": 9}, Turned: map[string]int{"kind:not-now": 1}},
	}
	for _, c := range []struct {
		name   string
		months map[string]tally.Day
		odds   *Odds
	}{
		{"ten of the kind", months, &Odds{Turned: 3, Total: 10}},
		{"nine", map[string]tally.Day{"2026-11": months["2026-11"]}, nil},
		{"none", nil, nil},
	} {
		card := Build(journal.Prospect{Name: "Acme Corp", Nos: nos, Total: 4}, nil, c.months, mode)
		if card.Condition == nil || *card.Condition != "A pilot first" || !card.ConditionMet || card.ConditionID != 3 {
			t.Errorf("%s: condition %v met %v from #%d", c.name, card.Condition, card.ConditionMet, card.ConditionID)
		}
		if card.Next == nil || *card.Next != "Send the ROI sheet" || card.FollowUp == nil || *card.FollowUp != "2026-12-09" {
			t.Errorf("%s: next %v follow-up %v", c.name, card.Next, card.FollowUp)
		}
		if card.Focus == nil || card.Focus.ID != 4 || card.Kind != journal.KindNotNow {
			t.Errorf("%s: focus %+v", c.name, card.Focus)
		}
		if (card.Odds == nil) != (c.odds == nil) || (c.odds != nil && *card.Odds != *c.odds) {
			t.Errorf("%s: odds %+v, want %+v", c.name, card.Odds, c.odds)
		}
		if len(card.Checklist) < coach.PrepChecklistMin || card.Opening == "" {
			t.Errorf("%s: checklist %q opening %q", c.name, card.Checklist, card.Opening)
		}
	}
}
