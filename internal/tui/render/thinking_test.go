package render

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/insights"
)

// TestStagesHeadline: "7 of 9 No's came at the interview or later"; when
// the first stage leads, its own count, since every No is "at the first
// stage or later".
func TestStagesHeadline(t *testing.T) {
	later := insights.Stages{Of: 9, Top: "interview", TopLabel: "Interview", TopCount: 4, AtOrLater: 7,
		Items: []insights.Count{{ID: "interview", Label: "Interview", Count: 4}}}
	if got := stagesBody(later, 80, Plain()); !strings.Contains(got, "7 of 9 No's with a stage came at Interview or later.") {
		t.Errorf("later:\n%s", got)
	}
	first := insights.Stages{Of: 9, Top: "applied", TopLabel: "Applied", TopCount: 5, AtOrLater: 9, TopFirst: true,
		Items: []insights.Count{{ID: "applied", Label: "Applied", Count: 5}}}
	if got := stagesBody(first, 80, Plain()); !strings.Contains(got, "5 of 9 No's with a stage came at Applied, the first stage.") {
		t.Errorf("first:\n%s", got)
	}
}
