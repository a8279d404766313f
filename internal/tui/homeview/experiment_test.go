package homeview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
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
	want := "Experiment — “Lead with ROI” · day 5 · too early: 0 No's before, 4 since (10 each)"
	if !strings.Contains(v, want) {
		t.Errorf("home does not say %q:\n%s", want, v)
	}
}

// At 80 columns a long name is cut, never the verdict and its counts.
func TestHomeExperimentLineKeepsTheVerdictAt80(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	e := journal.Experiment{Name: "Ask for the decision maker's calendar before the first demo call", Mode: ctx.Mode().ID,
		Watch: []string{"waiting"}, Start: today.AddDays(-14)}
	if err := db.AddExperiment(&e, tuitest.Now); err != nil {
		t.Fatal(err)
	}
	tuitest.Add(t, db, journal.No{Who: "Acme", Date: today, Mode: ctx.Mode().ID, Reason: "waiting"})
	var s common.Screen = New(ctx, db)
	s.SetSize(80, 24)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	want := "” · day 15 · too early: 0 No's before, 1 since (10 each)"
	found := false
	for _, l := range strings.Split(v, "\n") {
		if strings.HasPrefix(l, "Experiment — “Ask for t") && strings.HasSuffix(strings.TrimRight(l, " "), want) {
			found = ansi.StringWidth(l) <= 80
		}
	}
	if !found {
		t.Errorf("no whole verdict within 80 columns:\n%s", v)
	}
}
