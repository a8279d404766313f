package homeview

import (
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// After several rough days home offers a short, warm note with the user's
// own support line; it is easy to turn off, and absent on ordinary days.
func TestCareNoteAfterRoughDays(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	tuitest.Add(t, db, journal.No{Who: "Acme"})
	save := func(daysAgo, mood int) {
		if _, err := db.SaveReflection(journal.Reflection{Date: today.AddDays(-daysAgo), Mood: mood, Win: "Showed up", CompletedAt: tuitest.Now}); err != nil {
			t.Fatal(err)
		}
	}
	view := func() string {
		var s common.Screen = New(ctx, db)
		s.SetSize(100, 30)
		s, _ = tuitest.Run(s, s.Init())
		return tuitest.View(s)
	}
	save(0, 4)
	save(1, 2)
	save(2, 3)
	if v := view(); strings.Contains(v, "rough") {
		t.Fatalf("a note after one rough day:\n%s", v)
	}
	save(3, 1)
	save(4, 2)
	save(5, 1)
	ctx.Settings.Support = "Call Maya"
	v := view()
	if !strings.Contains(v, "4 of your last 6 moods") || !strings.Contains(v, "Call Maya") {
		t.Fatalf("no care note after 4 rough days of 6:\n%s", v)
	}
	ctx.Settings.MoodNoteOff = true
	if v := view(); strings.Contains(v, "rough") {
		t.Fatalf("the note shows though it is turned off:\n%s", v)
	}
}
