package homeview

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Home shows the mode's newest running experiment in one line, with its
// day and what the counts say so far; an ended one, or another mode's,
// is not shown.
func TestHomeShowsTheRunningExperiment(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	mode := ctx.Mode().ID
	for i := range 4 {
		tuitest.Add(t, db, journal.No{Who: "Acme", Date: today.AddDays(-i), Mode: mode, Reason: "other"})
	}
	if v := homeView(t, ctx, db); strings.Contains(v, "Experiment") {
		t.Fatalf("home shows an experiment before any:\n%s", v)
	}
	ended := journal.Experiment{Name: "Old idea", Mode: mode, Watch: []string{"other"}, Start: today.AddDays(-40), End: today.AddDays(-30)}
	other := journal.Experiment{Name: "Elsewhere", Mode: "personal", Watch: []string{"other"}, Start: today.AddDays(-2)}
	for _, e := range []*journal.Experiment{&ended, &other} {
		if err := db.AddExperiment(e, tuitest.Now); err != nil {
			t.Fatal(err)
		}
	}
	if v := homeView(t, ctx, db); strings.Contains(v, "Experiment") {
		t.Fatalf("home shows an ended or another mode's experiment:\n%s", v)
	}
	e := journal.Experiment{Name: "Lead with ROI", Mode: mode, Watch: []string{"other"}, Start: today.AddDays(-4)}
	if err := db.AddExperiment(&e, tuitest.Now); err != nil {
		t.Fatal(err)
	}
	v := homeView(t, ctx, db)
	want := "Experiment “Lead with ROI” · day 5 · too early to tell: 0 No's before, 4 since (10 each needed)"
	if !strings.Contains(v, want) {
		t.Errorf("home does not say %q:\n%s", want, v)
	}
}
