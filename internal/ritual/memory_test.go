package ritual

import (
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

func TestMemoriesGatherWinsYesesAndReflections(t *testing.T) {
	t.Parallel()
	yes := journal.No{Who: "Initech", Offer: "Team plan", Date: "2026-10-01", Lesson: "Ask about budget"}
	yes.SetOutcome(journal.OutcomeYes, time.Date(2026, 10, 11, 12, 0, 0, 0, time.Local))
	open := journal.No{Who: "Globex", Date: "2026-11-01", Outcome: journal.OutcomeOpen}
	ms := Memories(
		[]journal.Win{{Who: "Hooli", What: "Pilot signed", Date: "2026-11-20"}, {What: "A referral", Date: "2026-09-01"}},
		[]journal.No{yes, open},
		[]journal.Reflection{{Date: "2026-11-02", Win: "Booked a demo\n\nGot a reply"}, {Date: "2026-11-03"}},
		"deal",
	)
	want := []struct{ day, title, detail string }{
		{"2026-11-20", "Hooli said yes", "Pilot signed"},
		{"2026-11-02", "Booked a demo", ""},
		{"2026-11-02", "Got a reply", ""},
		{"2026-10-11", "Initech said yes", "Team plan — a deal 10 days after their no\nWhat you learned: Ask about budget"},
		{"2026-09-01", "A referral", ""},
	}
	if len(ms) != len(want) {
		t.Fatalf("got %d memories, want %d: %+v", len(ms), len(want), ms)
	}
	for i, w := range want {
		if string(ms[i].Day) != w.day || ms[i].Title != w.title || ms[i].Detail != w.detail {
			t.Errorf("memory %d = %s %q %q; want %s %q %q", i, ms[i].Day, ms[i].Title, ms[i].Detail, w.day, w.title, w.detail)
		}
	}
}

func TestPickMemoryIsStableAndMovesOnForASecondSession(t *testing.T) {
	t.Parallel()
	if _, ok := PickMemory(nil, "2026-11-23", 0); ok {
		t.Fatal("picked from nothing")
	}
	ms := []Memory{{Title: "a"}, {Title: "b"}, {Title: "c"}}
	first, _ := PickMemory(ms, "2026-11-23", 0)
	again, _ := PickMemory(ms, "2026-11-23", 0)
	second, _ := PickMemory(ms, "2026-11-23", 1)
	if first != again {
		t.Errorf("same day, same list: %q then %q", first.Title, again.Title)
	}
	if second == first {
		t.Errorf("a second session shows the same memory %q", first.Title)
	}
	seen := map[string]bool{}
	for d := journal.Day("2026-11-01"); d < "2026-11-30"; d = d.AddDays(1) {
		m, _ := PickMemory(ms, d, 0)
		seen[m.Title] = true
	}
	if len(seen) < 2 {
		t.Errorf("a month of days always picks %v", seen)
	}
}
