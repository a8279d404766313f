package reframeview

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// On a step's last field enter saves the step and goes on, and on the last
// step it ends the reframe: the footer says so there ("enter next step",
// "enter finish"), not "next field".
func TestFooterSaysWhereEnterGoesOnTheLastField(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme Corp", Said: "Too pricey", ReframeStep: 3})
	s := open(t, ctx, db, n.ID, 78, 24)
	foot := func(s common.Screen) string { return ansi.Strip(help.New().ShortHelpView(s.Keys().ShortHelp())) }
	// Step 3 has one field: the kind of no.
	if f := foot(s); step(s) != 3 || !strings.HasPrefix(f, "enter next step") {
		t.Fatalf("step %d footer %q", step(s), f)
	}
	s, _ = tuitest.Send(s, tuitest.Key("enter"))
	if step(s) != 4 {
		t.Fatalf("enter on step 3's last field went to step %d", step(s))
	}
	for range 2 {
		s, _ = tuitest.Send(s, ctrl('n'))
	}
	// In the thought record the footer says ctrl+n skips all of it.
	if f := foot(s); step(s) != stepThought || !strings.Contains(f, "ctrl+n skip thought record") {
		t.Fatalf("step %d footer %q", step(s), f)
	}
	s, _ = tuitest.Send(s, ctrl('n'))
	// The last step: the lesson (a text area), the next step, the date, the sting.
	if f := foot(s); step(s) != stepReframe || !strings.HasPrefix(f, "ctrl+j new line") {
		t.Fatalf("step %d footer %q", step(s), f)
	}
	s, _ = tuitest.Send(s, tuitest.Key("tab"))
	if f := foot(s); !strings.HasPrefix(f, "tab/enter next field") {
		t.Fatalf("mid-step footer %q", f)
	}
	for range 2 {
		s, _ = tuitest.Send(s, tuitest.Key("tab"))
	}
	if f := foot(s); !strings.HasPrefix(f, "enter finish") {
		t.Fatalf("last field of the last step: footer %q\n%s", f, tuitest.View(s))
	}
	_, out := tuitest.Send(s, tuitest.Key("enter"))
	if !wentBack(out) {
		t.Fatalf("enter on the last field did not end the reframe: %v", out)
	}
}
