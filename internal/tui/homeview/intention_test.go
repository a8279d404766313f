package homeview

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Home shows today's intention — the one saved in the last reflection
// before today, however many days back — in one line at 80 columns, with
// today's answer to "Did you do it?" once given; none without one.
func TestHomeShowsTodaysIntention(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	for i := 0; i < 12; i++ {
		tuitest.Add(t, db, journal.No{Who: fmt.Sprintf("Prospect %d", i), Said: "Not now"})
	}
	view := func() string {
		var s common.Screen = New(ctx, db)
		s.SetSize(80, 22)
		s, _ = tuitest.Run(s, s.Init())
		return tuitest.View(s)
	}
	if v := view(); strings.Contains(v, "intention") {
		t.Fatalf("an intention line without any reflection:\n%s", v)
	}
	save := func(r journal.Reflection) {
		t.Helper()
		if _, err := db.SaveReflection(r); err != nil {
			t.Fatal(err)
		}
	}
	long := "Ask every prospect who else should see the proposal, and write their answer down the same day"
	save(journal.Reflection{Date: today.AddDays(-4), Intention: "An older one"})
	save(journal.Reflection{Date: today.AddDays(-2), Intention: long})
	v := view()
	line := lineWith(v, "Today's intention")
	if !strings.Contains(line, "Ask every prospect who else") || !strings.HasSuffix(line, "…") || ansi.StringWidth(line) > 80 {
		t.Fatalf("intention line %q in:\n%s", line, v)
	}
	if lines := strings.Count(v, "\n") + 1; lines > 22 {
		t.Errorf("home is %d lines at 80×22:\n%s", lines, v)
	}
	save(journal.Reflection{Date: today, Mood: 3, IntentionKept: journal.KeptYes})
	if line := lineWith(view(), "Today's intention"); !strings.Contains(line, "✓ done") || ansi.StringWidth(line) > 80 {
		t.Fatalf("after yes: %q", line)
	}
	// Yesterday's reflection without an intention: no line (the older
	// one is not today's).
	save(journal.Reflection{Date: today.AddDays(-1), Mood: 4, Win: "A demo booked"})
	if v := view(); strings.Contains(v, "intention") {
		t.Fatalf("an intention line though yesterday's reflection had none:\n%s", v)
	}
}

func lineWith(v, s string) string {
	for _, l := range strings.Split(v, "\n") {
		if strings.Contains(l, s) {
			return strings.TrimRight(l, " ")
		}
	}
	return ""
}
