package detailview

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// The outcome is said in words on the detail screen ("following up"), in
// the line under the name, the history, the picker and what o says after;
// "following-up" is the id the command line takes.
func TestDetailSaysTheOutcomeInWords(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	n := tuitest.Add(t, db, journal.No{Who: "Acme", Date: today.AddDays(-3)})
	n.SetOutcome(journal.OutcomeFollowingUp, tuitest.Now)
	if _, err := db.SaveNo(mustGet(t, db, n.ID), n, tuitest.Now); err != nil {
		t.Fatal(err)
	}
	var s common.Screen = New(ctx, db, n.ID)
	s.SetSize(78, 30)
	s, _ = tuitest.Run(s, s.Init())
	v := tuitest.View(s)
	if !strings.Contains(v, "Sales · following up") || !strings.Contains(v, "2026-11-23 following up") {
		t.Errorf("the outcome is not in words:\n%s", v)
	}
	s, _ = tuitest.Send(s, tuitest.Key("o"))
	v = tuitest.View(s)
	if !strings.Contains(v, "2 following up") {
		t.Errorf("the picker:\n%s", v)
	}
	// A number sets at once (enter after it opens nothing new): the
	// help says so rather than "pick".
	foot := ansi.Strip(help.New().ShortHelpView(s.Keys().ShortHelp()))
	if !strings.Contains(foot, "1-5 set that one") || !strings.Contains(v, "a number sets its outcome at once") {
		t.Errorf("footer %q, picker:\n%s", foot, v)
	}
	s, out := tuitest.Send(s, tuitest.Key("enter"))
	if got := statusOf(out); got != "Acme is already following up." {
		t.Errorf("status %q", got)
	}
	if v := tuitest.View(s); strings.Contains(v, "following-up") {
		t.Errorf("the id shows:\n%s", v)
	}
}

func mustGet(t *testing.T, db interface {
	GetNo(uint64) (journal.No, error)
}, id uint64) journal.No {
	t.Helper()
	n, err := db.GetNo(id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
