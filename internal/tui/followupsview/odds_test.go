package followupsview

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// A follow-up shows how often No's of its kind turned around in its
// mode, as a count, once there are 10 of them; a job No of the same kind
// with fewer shows nothing.
func TestFollowUpShowsItsKindsOdds(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	for i := range 12 {
		n := journal.No{Who: "Acme", Date: today.AddDays(-20), Mode: "sales", Kind: journal.KindNotNow, Change: "next quarter"}
		if i == 0 {
			n.FollowUp = today
		}
		if err := db.AddNo(&n, tuitest.Now); err != nil {
			t.Fatal(err)
		}
		if i < 3 {
			n.SetOutcome(journal.OutcomeMaybe, tuitest.Now)
			if err := db.UpdateNo(&n, tuitest.Now); err != nil {
				t.Fatal(err)
			}
		}
	}
	job := journal.No{Who: "Globex", Date: today.AddDays(-3), Mode: "job", Kind: journal.KindNotNow, FollowUp: today.AddDays(2), Change: "a year in the role"}
	if err := db.AddNo(&job, tuitest.Now); err != nil {
		t.Fatal(err)
	}
	v := tuitest.View(open(t, ctx, db, 80, 24))
	if !strings.Contains(v, "not now: 3 of 12 turned around · to revisit: next quarter") {
		t.Errorf("the follow-up shows no odds:\n%s", v)
	}
	if strings.Count(v, "turned around") != 1 {
		t.Errorf("odds shown for the job No too:\n%s", v)
	}
}
