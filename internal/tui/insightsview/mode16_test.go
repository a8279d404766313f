package insightsview_test

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Insights count the No's of the mode in use: a journal of sales No's
// seen in school mode has no school No's, and the hint says that, not
// that the journal is empty.
func TestEmptyModeIsNotAnEmptyJournal(t *testing.T) {
	ctx, db := tuitest.Context(t)
	seed(t, ctx, db, 12, 0, "price") // sales No's
	ctx.Settings.Mode = "school"
	s := open(t, ctx, db, 78, 20)
	s, _ = tuitest.Send(s, tuitest.Key("4"))
	v := strings.Join(strings.Fields(tuitest.View(s)), " ")
	if !strings.Contains(v, "No School No's yet") || strings.Contains(v, "journal is empty") {
		t.Errorf("school mode over a sales journal:\n%s", tuitest.View(s))
	}
}
