package followup

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no tzdata for %s: %v", name, err)
	}
	return loc
}

func where(g Groups, id uint64) string {
	for name, l := range map[string][]Item{"overdue": g.Overdue, "today": g.Today, "upcoming": g.Upcoming} {
		for _, it := range l {
			if it.No.ID == id {
				return name
			}
		}
	}
	return "none"
}

// The same instant is a different day around the world: today is computed
// in the user's zone, and a follow-up is due, late or coming by that day.
func TestClassifyAcrossTimeZones(t *testing.T) {
	t.Parallel()
	instant := time.Date(2026, 11, 23, 3, 30, 0, 0, time.UTC)
	nos := []journal.No{
		{ID: 1, Who: "A", Date: "2026-11-10", FollowUp: "2026-11-22"},
		{ID: 2, Who: "B", Date: "2026-11-10", FollowUp: "2026-11-23"},
		{ID: 3, Who: "C", Date: "2026-11-10", FollowUp: "2026-11-24"},
		{ID: 4, Who: "D", Date: "2026-11-10", FollowUp: "2026-12-07"}, // 14 days after 11-23
		{ID: 5, Who: "E", Date: "2026-11-10", FollowUp: "2026-12-08"},
	}
	tests := []struct {
		zone  string
		today journal.Day
		want  map[uint64]string
		late1 int // days late of #1
	}{
		{"America/Los_Angeles", "2026-11-22", map[uint64]string{1: "today", 2: "upcoming", 3: "upcoming", 4: "none", 5: "none"}, 0},
		{"Pacific/Pago_Pago", "2026-11-22", map[uint64]string{1: "today", 2: "upcoming", 3: "upcoming", 4: "none", 5: "none"}, 0},
		{"UTC", "2026-11-23", map[uint64]string{1: "overdue", 2: "today", 3: "upcoming", 4: "upcoming", 5: "none"}, 1},
		{"Asia/Tokyo", "2026-11-23", map[uint64]string{1: "overdue", 2: "today", 3: "upcoming", 4: "upcoming", 5: "none"}, 1},
		{"Pacific/Kiritimati", "2026-11-23", map[uint64]string{1: "overdue", 2: "today", 3: "upcoming", 4: "upcoming", 5: "none"}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.zone, func(t *testing.T) {
			t.Parallel()
			today := journal.DayOf(instant.In(mustLoc(t, tc.zone)))
			if today != tc.today {
				t.Fatalf("today in %s = %s, want %s", tc.zone, today, tc.today)
			}
			g := Classify(nos, today, 0)
			for id, want := range tc.want {
				if got := where(g, id); got != want {
					t.Errorf("#%d is %s, want %s", id, got, want)
				}
			}
			if tc.late1 > 0 && (len(g.Overdue) == 0 || g.Overdue[0].DaysLate != tc.late1 || !g.Overdue[0].Overdue()) {
				t.Errorf("overdue = %+v", g.Overdue)
			}
		})
	}
}

func TestClassifyAcrossDSTAndOrdering(t *testing.T) {
	t.Parallel()
	ny := mustLoc(t, "America/New_York")
	// 2026-11-01 is the end of DST in New York: a 25-hour day.
	now := time.Date(2026, 11, 2, 0, 30, 0, 0, ny)
	today := journal.DayOf(now)
	nos := []journal.No{
		{ID: 9, Who: "Late", Date: "2026-10-31", FollowUp: "2026-10-31"},
		{ID: 3, Who: "Later", Date: "2026-10-30", FollowUp: "2026-11-01"},
		{ID: 2, Who: "Same day, lower id", Date: "2026-10-30", FollowUp: "2026-11-01"},
		{ID: 4, Who: "Done", Date: "2026-10-30", FollowUp: "2026-11-01", FollowUpDone: true},
		{ID: 5, Who: "Yes", Date: "2026-10-30", FollowUp: "2026-11-01", Outcome: journal.OutcomeYes},
		{ID: 6, Who: "No date", Date: "2026-10-30"},
	}
	g := Classify(nos, today, 0)
	if len(g.Overdue) != 3 || g.Overdue[0].No.ID != 9 || g.Overdue[1].No.ID != 2 || g.Overdue[2].No.ID != 3 {
		t.Fatalf("overdue order: %+v", g.Overdue)
	}
	if g.Overdue[0].DaysLate != 2 || g.Overdue[0].DaysSince != 2 {
		t.Errorf("across the DST change: late %d, since %d; want 2 and 2", g.Overdue[0].DaysLate, g.Overdue[0].DaysSince)
	}
	if g.Len() != 3 {
		t.Errorf("done, settled or undated follow-ups listed: %d", g.Len())
	}
}

func TestSuggestPerKind(t *testing.T) {
	t.Parallel()
	cat := coach.Default()
	sales, _ := cat.Mode("sales")
	school, _ := cat.Mode("school")
	today := journal.Day("2026-11-23")
	tests := []struct {
		name   string
		mode   *coach.Mode
		no     journal.No
		want   journal.Day
		ok     bool
		reason string
	}{
		{"not-now, no time named: 3 months", sales, journal.No{Date: today, Kind: journal.KindNotNow}, "2027-02-21", true, "about 3 months"},
		{"not-now, next quarter", sales, journal.No{Date: today, Kind: journal.KindNotNow, Change: "Let's talk next quarter"}, "2027-01-01", true, "next quarter"},
		{"not-now, time in what they said", sales, journal.No{Date: today, Kind: journal.KindNotNow, Said: "Budget is frozen, come back in 2 months"}, "2027-01-23", true, "in 2 months"},
		{"not-now, unreadable time: 90 days", sales, journal.No{Date: today, Kind: journal.KindNotNow, Change: "when the stars align"}, "2027-02-21", true, "3 months"},
		{"not-understood: 2 days", sales, journal.No{Date: today, Kind: journal.KindNotUnderstood}, "2026-11-25", true, "2 days"},
		{"not-this: a month", sales, journal.No{Date: today, Kind: journal.KindNotThis}, "2026-12-23", true, "a month"},
		{"not-you: 2 months", sales, journal.No{Date: today, Kind: journal.KindNotYou}, "2027-01-22", true, "2 months"},
		{"no kind: the mode default", sales, journal.No{Date: today}, "2026-11-30", true, "Kind not set yet"},
		{"final: none", sales, journal.No{Date: today, Kind: journal.KindFinal}, "", false, ""},
		{"already has a date: none", sales, journal.No{Date: today, Kind: journal.KindNotNow, FollowUp: "2026-12-01"}, "", false, ""},
		{"closed: none", sales, journal.No{Date: today, Kind: journal.KindNotNow, Outcome: journal.OutcomeClosed}, "", false, ""},
		{"old not-understood lands today, not in the past", sales, journal.No{Date: today.AddDays(-20), Kind: journal.KindNotUnderstood}, today, true, "2 days"},
		{"school not-now: 2 weeks", school, journal.No{Date: today, Kind: journal.KindNotNow}, "2026-12-07", true, "2 weeks"},
		// One rule for the list and the reframe: the time they named wins
		// over the kind's days, whatever the kind (was: 90 days in the
		// reframe, 3 weeks in the list).
		{"not-now, \"Call me in a few weeks\": 3 weeks, not 3 months", sales, journal.No{Date: today, Kind: journal.KindNotNow, Said: "Call me in a few weeks"}, "2026-12-14", true, "in a few weeks"},
		{"kind not set, a time named", sales, journal.No{Date: today, Said: "Call me in a few weeks"}, "2026-12-14", true, "Kind not set yet — they mentioned “in a few weeks”"},
		{"not-this, a time named", sales, journal.No{Date: today, Kind: journal.KindNotThis, ReasonText: "Budget is spent; maybe after Q2"}, "2027-07-01", true, "they mentioned “after Q2”"},
		{"final, a time named: still none", sales, journal.No{Date: today, Kind: journal.KindFinal, Said: "Call me in a few weeks"}, "", false, ""},
		{"counted from the No's date, reframed later", sales, journal.No{Date: today.AddDays(-10), Kind: journal.KindNotNow, Said: "in a few weeks"}, "2026-12-04", true, "in a few weeks"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, ok := Suggest(tc.mode, tc.no, today, journal.EveryDay)
			if ok != tc.ok || s.Day != tc.want {
				t.Fatalf("Suggest = %+v, %v; want %s, %v", s, ok, tc.want, tc.ok)
			}
			if !strings.Contains(s.Why, tc.reason) {
				t.Errorf("why %q lacks %q", s.Why, tc.reason)
			}
		})
	}
}

func TestNamedTime(t *testing.T) {
	t.Parallel()
	said := journal.Day("2026-11-23")
	tests := []struct {
		text string
		want journal.Day
	}{
		{"Call me next month", "2026-12-01"},
		{"maybe next year", "2027-01-01"},
		{"Next week works", "2026-11-30"},
		{"in three weeks", "2026-12-14"},
		{"after a couple of months", "2027-01-23"},
		{"We plan our budget in Q2", "2027-04-01"},
		{"Q1", "2027-01-01"},
		{"in March", "2027-03-01"},
		{"after March", "2027-04-01"}, // after it ends, not as it starts
		{"end of December", "2027-01-01"},
		{"in December", "2026-12-01"},
		{"around november", "2027-11-01"},
		{"after the holidays", "2027-01-04"}, // the first Monday after New Year's Day
		{"in the spring", "2027-03-01"},
		{"after the summer", "2027-09-01"},
		{"from May on", "2027-05-01"},
		{"after May", "2027-06-01"},
		// The cases: a period waited out ends before the follow-up.
		{"maybe after Q2", "2027-07-01"},
		{"after the end of Q2", "2027-07-01"},
		{"end of Q4", "2027-01-01"},
		{"Call me at the end of the year", "2027-01-01"},
		{"after this quarter", "2027-01-01"},
		{"not before next fiscal year", "2027-01-01"},
		{"in the new year", "2027-01-01"},
		{"after next month", "2027-01-01"},
		{"Call me in a few weeks", "2026-12-14"},
		{"We may revisit", ""},
		{"no idea", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got, phrase, ok := NamedTime(tc.text, said)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("NamedTime(%q) = %s (%q), %v; want %s", tc.text, got, phrase, ok, tc.want)
		}
	}
	// December: "next month" and "next quarter" roll into the next year.
	if d, _, _ := NamedTime("next month", "2026-12-15"); d != "2027-01-01" {
		t.Errorf("next month in December = %s", d)
	}
	if d, _, _ := NamedTime("next quarter", "2026-12-15"); d != "2027-01-01" {
		t.Errorf("next quarter in December = %s", d)
	}
	// Said inside the period waited out: its own end, this year.
	for _, tc := range []struct {
		text string
		said journal.Day
		want journal.Day
	}{
		{"maybe after Q2", "2026-05-10", "2026-07-01"},
		{"maybe after Q2", "2026-02-01", "2026-07-01"},
		{"after March", "2026-03-15", "2026-04-01"},
		{"after the summer", "2026-07-04", "2026-09-01"},
		{"after the holidays", "2026-07-04", "2026-09-01"}, // the summer holidays
		{"after the holidays", "2026-12-20", "2027-01-04"},
		{"after the holidays", "2027-01-02", "2027-01-04"},
		{"after the holidays", "2026-04-01", ""}, // none it can place
	} {
		got, phrase, ok := NamedTime(tc.text, tc.said)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("NamedTime(%q, said %s) = %s (%q), %v; want %s", tc.text, tc.said, got, phrase, ok, tc.want)
		}
	}
}

func TestDoneSnoozeAndOutcomeHistory(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	n := journal.No{Date: "2026-11-01", FollowUp: "2026-11-10", Outcome: journal.OutcomeOpen,
		OutcomeHistory: []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: t0}}}

	t1 := t0.Add(9 * 24 * time.Hour)
	if !Done(&n, t1) || !n.FollowUpDone || n.Outcome != journal.OutcomeFollowingUp {
		t.Fatalf("after Done: %+v", n)
	}
	next, ok := NextCheckIn(n, journal.DayOf(t1), journal.EveryDay)
	if !ok || next != "2026-12-10" {
		t.Fatalf("next check-in %s %v", next, ok)
	}
	Reschedule(&n, next)
	if n.FollowUp != next || n.FollowUpDone {
		t.Fatalf("after Reschedule: %+v", n)
	}
	t2 := t1.Add(24 * time.Hour)
	if c := SetOutcome(&n, journal.OutcomeMaybe, t2, "deal"); c != "" {
		t.Errorf("maybe celebrated: %q", c)
	}
	if d, _ := NextCheckIn(n, "2026-11-11", journal.EveryDay); d != "2026-11-25" {
		t.Errorf("a maybe checks in after two weeks, got %s", d)
	}
	t3 := t0.Add(23 * 24 * time.Hour)
	c := SetOutcome(&n, journal.OutcomeYes, t3, "deal")
	if c != "🎉 A yes — a deal! That No turned around after 23 days." {
		t.Errorf("celebration %q", c)
	}
	if !n.FollowUpDone {
		t.Error("a yes leaves its follow-up open")
	}
	if _, ok := NextCheckIn(n, "2026-11-24", journal.EveryDay); ok {
		t.Error("a yes gets a next check-in")
	}
	if c := SetOutcome(&n, journal.OutcomeYes, t3.Add(time.Hour), "deal"); c != "" {
		t.Errorf("setting yes twice celebrated again: %q", c)
	}
	want := []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: t0}, {Outcome: journal.OutcomeFollowingUp, At: t1},
		{Outcome: journal.OutcomeMaybe, At: t2}, {Outcome: journal.OutcomeYes, At: t3}}
	if len(n.OutcomeHistory) != len(want) {
		t.Fatalf("history %+v", n.OutcomeHistory)
	}
	for i, h := range n.OutcomeHistory {
		if h.Outcome != want[i].Outcome || !h.At.Equal(want[i].At) {
			t.Errorf("history[%d] = %+v, want %+v", i, h, want[i])
		}
	}
	// Done on a maybe keeps the outcome.
	m := journal.No{Outcome: journal.OutcomeMaybe, FollowUp: "2026-11-10"}
	if Done(&m, t1) || m.Outcome != journal.OutcomeMaybe {
		t.Errorf("Done changed a maybe: %+v", m)
	}
}

func TestSnoozeBaseAndCelebrate(t *testing.T) {
	t.Parallel()
	if d := SnoozeBase("2026-11-20", "2026-11-23").AddDays(1); d != "2026-11-24" {
		t.Errorf("snoozing an overdue follow-up a day: %s", d)
	}
	if d := SnoozeBase("2026-11-30", "2026-11-23").AddDays(7); d != "2026-12-07" {
		t.Errorf("snoozing an upcoming follow-up a week: %s", d)
	}
	if c := Celebrate("2026-11-23", "2026-11-23", "yes"); c != "🎉 A yes! That No turned around the same day." {
		t.Errorf("same day: %q", c)
	}
	if c := Celebrate("2026-11-22", "2026-11-23", ""); c != "🎉 A yes! That No turned around after 1 day." {
		t.Errorf("one day: %q", c)
	}
}

func TestSpanAndEarliest(t *testing.T) {
	t.Parallel()
	for days, want := range map[int]string{1: "1 day", 2: "2 days", 7: "1 week", 14: "2 weeks", 30: "a month", 60: "2 months", 90: "3 months", 10: "10 days"} {
		if got := Span(days); got != want {
			t.Errorf("Span(%d) = %q, want %q", days, got, want)
		}
	}
	nos := []journal.No{
		{ID: 1, FollowUp: "2026-12-01"},
		{ID: 2, FollowUp: "2026-11-20", FollowUpDone: true},
		{ID: 3, FollowUp: "2026-11-25"},
		{ID: 4, FollowUp: "2026-11-21", Outcome: journal.OutcomeClosed},
		{ID: 5},
	}
	if n, ok := Earliest(nos); !ok || n.ID != 3 {
		t.Errorf("Earliest = #%d %v, want #3", n.ID, ok)
	}
	if _, ok := Earliest(nos[4:]); ok {
		t.Error("a No without a follow-up counted")
	}
}

// TestSuggestOnWorkdays: a suggested date never falls outside the
// workdays: it moves to the next workday and says so; every day moves
// nothing.
func TestSuggestOnWorkdays(t *testing.T) {
	t.Parallel()
	sales, _ := coach.Default().Mode("sales")
	today := journal.Day("2026-11-23") // Monday
	mf := journal.WeekdaysOnly
	tests := []struct {
		name string
		no   journal.No
		week journal.Workweek
		want journal.Day
		why  string
	}{
		// 3 months after Monday 2026-11-23 is Sunday 2027-02-21.
		{"not-now lands on a Sunday: Monday", journal.No{Date: today, Kind: journal.KindNotNow}, mf, "2027-02-22", "moved to Monday, your next workday"},
		{"every day: the Sunday stays", journal.No{Date: today, Kind: journal.KindNotNow}, journal.EveryDay, "2027-02-21", "about 3 months"},
		// "next quarter" is Friday 2027-01-01: a workday, kept.
		{"a named time on a workday stays", journal.No{Date: today, Kind: journal.KindNotNow, Change: "next quarter"}, mf, "2027-01-01", "next quarter"},
		// after Q2 is Thursday 2027-07-01; Monday, Wednesday and Friday move it to Friday.
		{"a named time off the week moves", journal.No{Date: today, ReasonText: "maybe after Q2"}, journal.WorkweekOf([]string{"mon", "wed", "fri"}), "2027-07-02", "moved to Friday"},
		// 2 days after Thursday 2026-11-19 is Saturday (in the past: today, a Monday).
		{"a past suggestion is today, a workday", journal.No{Date: "2026-11-19", Kind: journal.KindNotUnderstood}, mf, today, "2 days"},
	}
	for _, tc := range tests {
		s, ok := Suggest(sales, tc.no, today, tc.week)
		if !ok || s.Day != tc.want || !strings.Contains(s.Why, tc.why) {
			t.Errorf("%s: %+v, %v; want %s with %q", tc.name, s, ok, tc.want, tc.why)
		}
		if !tc.week.Works(s.Day) {
			t.Errorf("%s: %s is outside the workdays", tc.name, s.Day)
		}
	}
	// A next check-in offered after a done follow-up is never on a day off.
	for _, o := range []journal.Outcome{journal.OutcomeOpen, journal.OutcomeMaybe} {
		for d := journal.Day("2026-11-16"); d < "2026-11-30"; d = d.AddDays(1) {
			next, ok := NextCheckIn(journal.No{Outcome: o}, d, mf)
			if !ok || !mf.Works(next) || next.Before(d.AddDays(14)) {
				t.Errorf("next check-in of a %s No done on %s: %s", o, d, next)
			}
		}
	}
}

func TestLongLate(t *testing.T) {
	t.Parallel()
	today := journal.Day("2026-11-23")
	nos := []journal.No{
		{ID: 1, Date: "2025-12-01", FollowUp: "2025-12-24", Outcome: journal.OutcomeOpen},   // 334 days late
		{ID: 2, Date: "2026-09-01", FollowUp: "2026-09-24", Outcome: journal.OutcomeMaybe},  // 60 days: not yet
		{ID: 3, Date: "2026-08-01", FollowUp: "2026-09-20", Outcome: journal.OutcomeOpen},   // 64 days
		{ID: 4, Date: "2026-11-01", FollowUp: "2026-11-20", Outcome: journal.OutcomeOpen},   // 3 days
		{ID: 5, Date: "2025-01-01", FollowUp: "2025-02-01", Outcome: journal.OutcomeClosed}, // settled
	}
	g := Classify(nos, today, 0)
	var ids []uint64
	for _, it := range g.LongLate() {
		ids = append(ids, it.No.ID)
	}
	if fmt.Sprint(ids) != "[1 3]" {
		t.Fatalf("long late %v, want [1 3]", ids)
	}
	if got := LongLateNote(2); !strings.Contains(got, "2 follow-ups have waited more than 60 days") || !strings.Contains(got, "It's fine to close them") {
		t.Errorf("note %q", got)
	}
	if LongLateNote(0) != "" || !strings.Contains(LongLateNote(1), "close it") {
		t.Errorf("notes for 0 and 1: %q %q", LongLateNote(0), LongLateNote(1))
	}
	n := nos[0]
	if !StillLongLate(n, today) || StillLongLate(nos[1], today) || StillLongLate(nos[4], today) {
		t.Fatal("StillLongLate")
	}
	LetGo(&n, time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	if n.Outcome != journal.OutcomeClosed || !n.FollowUpDone || StillLongLate(n, today) {
		t.Fatalf("let go: %+v", n)
	}
}
