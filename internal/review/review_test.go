package review

import (
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

func sales(t *testing.T) *coach.Mode {
	t.Helper()
	m, err := coach.Default().Mode("sales")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func day(nos int, reasons, kinds map[string]int) tally.Day {
	return tally.Day{Nos: nos, Reasons: reasons, Kinds: kinds}
}

func TestBuildComparesTheWeekWithTheWeekBefore(t *testing.T) {
	end := journal.Day("2026-11-20")
	in := Input{
		Mode: sales(t), From: "2026-11-16", To: "2026-11-22",
		This: day(7, map[string]int{"price": 3, "timing": 2, "trust": 2}, map[string]int{"not-this": 3, "not-now": 2}),
		Prev: day(4, map[string]int{"price": 1, "budget": 3}, map[string]int{"not-now": 4}),
		Facts: journal.WeekFacts{FollowUpsDone: 3, FollowUpsOpen: 1, FollowUpsAhead: 2,
			Turnarounds: []journal.Turnaround{
				{ID: 9, Who: "Beta", Outcome: journal.OutcomeYes, At: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)},
				{ID: 4, Who: "Acme", Outcome: journal.OutcomeMaybe, At: time.Date(2026, 11, 17, 9, 0, 0, 0, time.UTC)},
			},
			Traps: map[string]int{"mind-reading": 2}, PrevTraps: map[string]int{"catastrophising": 1}},
		Reflections: []journal.Reflection{
			{Date: "2026-11-15", IntentionKept: journal.KeptYes}, // the week before: not counted
			{Date: "2026-11-16", IntentionKept: journal.KeptYes},
			{Date: "2026-11-17", IntentionKept: journal.KeptPartly},
			{Date: "2026-11-18"}, // not asked
			{Date: "2026-11-19", IntentionKept: journal.KeptNotYet},
		},
		Experiments: []experiment.Report{
			{ID: 1, Name: "Lead with ROI", Start: "2026-11-02", Verdict: experiment.Helping},
			{ID: 2, Name: "ended before", Start: "2026-10-01", End: ptr(journal.Day("2026-11-15"))},
			{ID: 3, Name: "ended in the week", Start: "2026-10-01", End: &end},
			{ID: 4, Name: "starts later", Start: "2026-11-23"},
		},
		Saved:    &journal.Review{Week: "2026-11-16", Focus: "Ask for the budget owner"},
		Previous: &journal.Review{Week: "2026-11-09", Focus: "Lead with ROI"},
	}
	s := Build(in)
	if s.Nos != 7 || s.PreviousNos != 4 || s.PreviousFrom != "2026-11-09" || s.PreviousTo != "2026-11-15" {
		t.Errorf("nos %d/%d, previous week %s..%s", s.Nos, s.PreviousNos, s.PreviousFrom, s.PreviousTo)
	}
	want := []Count{{"price", "Too expensive", 3, 1}, {"timing", "Bad timing", 2, 0}, {"trust", "Trust / risk", 2, 0}, {"budget", "No budget", 0, 3}}
	if len(s.Reasons) != len(want) {
		t.Fatalf("reasons %+v, want %+v", s.Reasons, want)
	}
	for i := range want {
		if s.Reasons[i] != want[i] {
			t.Errorf("reason %d = %+v, want %+v", i, s.Reasons[i], want[i])
		}
	}
	if k := s.Kinds; len(k) != 2 || k[0].ID != "not-this" || k[0].Label != "Not this" || k[1].ID != "not-now" || k[1].Prev != 4 {
		t.Errorf("kinds %+v", k)
	}
	if s.FollowUps != (FollowUps{Done: 3, Open: 1, Ahead: 2}) {
		t.Errorf("follow-ups %+v", s.FollowUps)
	}
	if tr := s.Turnarounds; len(tr) != 2 || tr[0].Who != "Acme" || tr[1].Who != "Beta" {
		t.Errorf("turnarounds not in time order: %+v", tr)
	}
	if tp := s.Traps; len(tp) != 2 || tp[0].ID != "mind-reading" || tp[0].Count != 2 || tp[1].Prev != 1 {
		t.Errorf("traps %+v", tp)
	}
	if s.Intentions != (Intentions{Asked: 3, Yes: 1, Partly: 1, NotYet: 1}) {
		t.Errorf("intentions %+v", s.Intentions)
	}
	var names []string
	for _, e := range s.Experiments {
		names = append(names, e.Name)
	}
	if strings.Join(names, ",") != "Lead with ROI,ended in the week" {
		t.Errorf("experiments of the week: %v", names)
	}
	if s.Focus == nil || *s.Focus != "Ask for the budget owner" || s.PreviousFocus == nil || *s.PreviousFocus != "Lead with ROI" {
		t.Errorf("focus %v, previous %v", s.Focus, s.PreviousFocus)
	}
	if s.Question != "What will you focus on next week?" {
		t.Errorf("question %q", s.Question)
	}
	text := s.Text(80)
	for _, w := range []string{"Week of Mon 16 Nov to Sun 22 Nov\n", "Too expensive 3 (1)", "3 done · 1 still open · 2 still to come this week",
		"Acme → maybe · Beta → yes", "Lead with ROI", "kept 1 · partly 1 · not yet 1, of 3", "Last week's focus: Lead with ROI",
		"What will you focus on next week?\n  Ask for the budget owner"} {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in\n%s", w, text)
		}
	}
	for _, l := range strings.Split(text, "\n") {
		if len([]rune(l)) > 80 {
			t.Errorf("line longer than 80: %q", l)
		}
	}
}

func TestAnEmptyWeekSaysSoWithoutJudging(t *testing.T) {
	s := Build(Input{Mode: sales(t), From: "2026-11-23", To: "2026-11-25"})
	text := s.Text(80)
	for _, w := range []string{"(so far)", "0 this week · 0 the week before", "none due this week", "none this week",
		"none running", "none looked back on", "(not answered yet"} {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in\n%s", w, text)
		}
	}
	if strings.Contains(text, "Thinking traps") {
		t.Errorf("a week without traps shows the traps section:\n%s", text)
	}
	for _, w := range []string{"bad", "fail", "poor", "worse"} {
		if strings.Contains(strings.ToLower(text), w) {
			t.Errorf("%q in the review:\n%s", w, text)
		}
	}
}

func TestFocusHoldsFromSavingToTheEndOfTheNextWeek(t *testing.T) {
	week := journal.WeekdaysOnly
	r := journal.Review{Week: "2026-11-16", Focus: "Ask for the budget owner"}
	cases := []struct {
		today journal.Day
		want  bool
	}{
		{"2026-11-20", true},  // saved on Friday of the week reviewed
		{"2026-11-23", true},  // the week it was meant for
		{"2026-11-29", true},  // its Sunday
		{"2026-11-30", false}, // a week later: stale
		{"2026-11-13", false}, // before (a review of a later week imported)
	}
	for _, c := range cases {
		got, ok := FocusFor(r, true, c.today, week)
		if ok != c.want || (ok && got != r.Focus) {
			t.Errorf("on %s: %q %v, want shown %v", c.today, got, ok, c.want)
		}
	}
	// Workdays changed to Sunday to Thursday: the week of Sunday 22nd
	// still shows the focus of the Monday-to-Friday week of the 16th.
	if got, ok := FocusFor(r, true, "2026-11-24", journal.WorkweekOf([]string{"sun", "mon", "tue", "wed", "thu"})); !ok || got != r.Focus {
		t.Errorf("after a change of workdays: %q %v", got, ok)
	}
	if _, ok := FocusFor(journal.Review{}, false, "2026-11-20", week); ok {
		t.Error("no review, yet a focus")
	}
}

func ptr[T any](v T) *T { return &v }

func TestTextIsInert(t *testing.T) {
	evil := "Acme\x1b]0;pwned\x07\u202e\r\n"
	s := Build(Input{Mode: sales(t), From: "2026-11-23", To: "2026-11-25",
		Facts:    journal.WeekFacts{Turnarounds: []journal.Turnaround{{Who: evil, Outcome: journal.OutcomeYes}}},
		Saved:    &journal.Review{Week: "2026-11-23", Focus: evil},
		Previous: &journal.Review{Week: "2026-11-16", Focus: evil}})
	for i, r := range s.Text(80) {
		if r != '\n' && (r < 0x20 || r == 0x7f || r == '\u202e') {
			t.Fatalf("%U at %d reaches the terminal:\n%q", r, i, s.Text(80))
		}
	}
}
