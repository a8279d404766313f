package store

import (
	"testing"

	"github.com/rebound-coach/rebound/internal/journal"
)

// The last reflection before a day is the one whose intention is that
// day's: the newest earlier one, however far back, and none before the
// first; home reads it with today's in one read.
func TestLastReflectionBefore(t *testing.T) {
	s := newStore(t)
	for _, r := range []journal.Reflection{
		{Date: "2026-11-02", Intention: "Ask for the budget owner"},
		{Date: "2026-11-18", Intention: "Call Globex back"},
		{Date: "2026-11-20", Mood: 3},
		{Date: "2026-11-23", Intention: "Send two follow-ups", IntentionKept: journal.KeptPartly},
	} {
		_, err := s.SaveReflection(r)
		must(t, err)
	}
	for _, c := range []struct {
		before journal.Day
		want   journal.Day
	}{
		{"2026-11-23", "2026-11-20"}, // yesterday's or the last earlier day's
		{"2026-11-19", "2026-11-18"},
		{"2026-11-18", "2026-11-02"},
		{"2026-12-25", "2026-11-23"}, // after every one
		{"2026-11-02", ""},           // none before the first
	} {
		r, ok, err := s.LastReflectionBefore(c.before)
		must(t, err)
		if ok != (c.want != "") || r.Date != c.want {
			t.Errorf("before %s: %s (%v), want %s", c.before, r.Date, ok, c.want)
		}
	}
	today, last, err := s.ReflectionAndLast("2026-11-23")
	must(t, err)
	if today.IntentionKept != journal.KeptPartly || last.Date != "2026-11-20" {
		t.Errorf("today %+v, last %+v", today, last)
	}
	today, last, err = s.ReflectionAndLast("2026-11-19")
	must(t, err)
	if today.Date != "" || last.Intention != "Call Globex back" {
		t.Errorf("on a day without one: today %+v, last %+v", today, last)
	}
}
