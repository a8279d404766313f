package experimentview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

func open(t *testing.T, w, h int) (common.Screen, func() []journal.Experiment) {
	t.Helper()
	ctx, db := tuitest.Context(t)
	var s common.Screen = New(ctx, db)
	s.SetSize(w, h)
	s, _ = tuitest.Run(s, s.Init())
	return s, func() []journal.Experiment {
		got, err := db.Experiments("")
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
}

// The form fits 80×24 and says what is compared before it asks.
func TestFormFitsAndSaysWhatIsCompared(t *testing.T) {
	t.Parallel()
	s, _ := open(t, 80, 20)
	v := tuitest.View(s)
	for _, want := range []string{"Rebound compares how often the reasons you tick come up", "┃ What do you change?", "Which reasons should it make rarer?"} {
		if !strings.Contains(v, want) {
			t.Errorf("the form does not say %q:\n%s", want, v)
		}
	}
	lines := strings.Split(v, "\n")
	if len(lines) > 20 {
		t.Errorf("%d lines in a body of 20:\n%s", len(lines), v)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("a line wider than 80: %q", l)
		}
	}
}

// Filled in and completed, the form stores the experiment for the mode in
// use and goes back with a status; esc after typing asks first.
func TestFormStartsAnExperiment(t *testing.T) {
	t.Parallel()
	s, stored := open(t, 80, 24)
	s = tuitest.Type(s, "Lead with ROI")
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	s, _ = tuitest.Send(s, tuitest.Key("space"))
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	s, out := tuitest.Send(s, tuitest.Key("enter"))
	var status string
	back := false
	for _, m := range out {
		switch m := m.(type) {
		case common.Status:
			status = m.Text
		case common.Back:
			back = true
		}
	}
	if !strings.Contains(status, "Started experiment #1 “Lead with ROI”") || !back {
		t.Fatalf("status %q, back %v", status, back)
	}
	got := stored()
	if len(got) != 1 || got[0].Mode != "sales" || got[0].Start != journal.Today(tuitest.Now) || strings.Join(got[0].Watch, ",") != "price" {
		t.Errorf("stored %+v", got)
	}

	s2, _ := open(t, 80, 24)
	s2 = tuitest.Type(s2, "Half typed")
	s2, _ = tuitest.Send(s2, tuitest.Key("esc"))
	if v := tuitest.View(s2); !strings.Contains(v, "Discard this experiment?") {
		t.Errorf("esc after typing does not ask:\n%s", v)
	}
}
