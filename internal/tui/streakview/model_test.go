package streakview_test

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/streakview"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// tuitest.Now is Monday 2026-11-23.
const today = journal.Day("2026-11-23")

func open(t *testing.T, ctx *common.Context, db *store.Store, w, h int) common.Screen {
	t.Helper()
	var s common.Screen = streakview.New(ctx, db)
	s.SetSize(w, h)
	s, _ = tuitest.Run(s, s.Init())
	return s
}

func reflect(t *testing.T, ctx *common.Context, db *store.Store, d journal.Day) {
	t.Helper()
	if _, err := db.SaveReflection(journal.Reflection{Date: d, Win: "kept going", CompletedAt: tuitest.Now}); err != nil {
		t.Fatal(err)
	}
}

func reframed(t *testing.T, ctx *common.Context, db *store.Store, d journal.Day) {
	t.Helper()
	tuitest.Add(t, db, journal.No{Who: "Acme", Date: d, Reason: "price", Change: "a pilot", Lesson: "show ROI first"})
}

func statuses(msgs []tea.Msg) []string {
	var out []string
	for _, m := range msgs {
		if s, ok := m.(common.Status); ok {
			out = append(out, s.Text)
		}
	}
	return out
}

func TestEmptyJournalSaysWhatToDo(t *testing.T) {
	ctx, db := tuitest.Context(t)
	v := tuitest.View(open(t, ctx, db, 78, 20))
	for _, want := range []string{
		"No streak right now — a reflection today starts one.",
		"Current streak  none running",
		"Longest streak  none yet",
		"This week       0 of 5 active days",
		"Total           0 active days",
		"No active days yet", "r on home", "next call",
		"Mon ", "Wed ", "Fri ", "today ↑", "~ rest day",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q in\n%s", want, v)
		}
	}
}

func TestNumbersAndHeatmap(t *testing.T) {
	ctx, db := tuitest.Context(t)
	// An old 4-day run: Oct 5..8 (two things on Oct 6).
	for _, d := range []journal.Day{"2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08"} {
		reflect(t, ctx, db, d)
	}
	reframed(t, ctx, db, "2026-10-06")
	// The current run: reframed No on Fri 20th, reflections on 21st and 22nd.
	reframed(t, ctx, db, "2026-11-20")
	reflect(t, ctx, db, "2026-11-21")
	reflect(t, ctx, db, "2026-11-22")

	s := open(t, ctx, db, 78, 20)
	v := tuitest.View(s)
	for _, want := range []string{
		"3-day streak since 2026-11-20",
		"Current streak  3 days · since 2026-11-20 · at risk: today isn't active yet",
		"Longest streak  4 days · 2026-10-05 – 2026-10-08",
		"This week       0 of 5 active days",
		"Total           7 active days",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q in\n%s", want, v)
		}
	}
	if strings.Contains(v, "No active days yet") {
		t.Errorf("empty-state text with active days:\n%s", v)
	}
	// 78 columns: a year of weeks, one column each, after the 4-wide labels.
	lines := strings.Split(v, "\n")
	var mon, fri, sun string
	for i, l := range lines {
		if strings.HasPrefix(l, "Mon ") {
			mon, fri, sun = l, lines[i+4], lines[i+6]
		}
	}
	if mon == "" {
		t.Fatalf("no heatmap:\n%s", v)
	}
	if got := ansi.StringWidth(mon); got != 4+53 {
		t.Errorf("Monday row is %d wide, want 57: %q", got, mon)
	}
	if !strings.HasSuffix(mon, "·") { // today: nothing yet
		t.Errorf("today's cell: %q", mon)
	}
	if !strings.HasSuffix(fri, "░") || !strings.HasSuffix(sun, "░") { // last week's Fri and Sun
		t.Errorf("last week's Fri %q / Sun %q", fri, sun)
	}
	if !strings.Contains(v, "▒") { // Oct 6: a reflection and a reframed No
		t.Errorf("no level-2 cell:\n%s", v)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > 78 {
			t.Errorf("line %d wide: %q", w, l)
		}
	}
	if n := len(lines); n > 20 {
		t.Errorf("%d lines at 78×20:\n%s", n, v)
	}
}

func TestRestDayToggle(t *testing.T) {
	ctx, db := tuitest.Context(t)
	reflect(t, ctx, db, "2026-11-22")
	s := open(t, ctx, db, 78, 20)
	if v := tuitest.View(s); !strings.Contains(v, "at risk") {
		t.Fatalf("not at risk before resting:\n%s", v)
	}

	_, out := tuitest.Send(s, tuitest.Key("t"))
	if st := statuses(out); len(st) != 1 || !strings.HasPrefix(st[0], "Today is a rest day") {
		t.Fatalf("status %q", st)
	}
	rest, err := db.RestDays()
	if err != nil || !rest[today] {
		t.Fatalf("rest days %v %v", rest, err)
	}
	v := tuitest.View(s)
	for _, want := range []string{"today is a rest day; the streak waits", "1 day · since 2026-11-22", "~\n"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q after t:\n%s", want, v)
		}
	}
	if strings.Contains(v, "at risk") {
		t.Errorf("still at risk on a rest day:\n%s", v)
	}

	s, out = tuitest.Send(s, tuitest.Key("t"))
	if st := statuses(out); len(st) != 1 || st[0] != "Today is no longer a rest day." {
		t.Fatalf("status %q", st)
	}
	if rest, _ := db.RestDays(); rest[today] {
		t.Fatal("rest day not removed")
	}
	if v := tuitest.View(s); !strings.Contains(v, "at risk") {
		t.Errorf("not at risk after undoing the rest day:\n%s", v)
	}
}

func TestRestDayRefusedWhenTheWeekHasOne(t *testing.T) {
	ctx, db := tuitest.Context(t)
	if err := db.SetRestDay("2026-11-26", true); err != nil { // Thursday, planned ahead
		t.Fatal(err)
	}
	s := open(t, ctx, db, 78, 20)
	_, out := tuitest.Send(s, tuitest.Key("t"))
	st := statuses(out)
	if len(st) != 1 || st[0] != "This week already has its rest day, Thursday 2026-11-26; a week gets one." {
		t.Fatalf("status %q", st)
	}
	if rest, _ := db.RestDays(); rest[today] {
		t.Fatal("a second rest day was stored")
	}
}

func TestNoRestDayWhenTodayIsActive(t *testing.T) {
	ctx, db := tuitest.Context(t)
	reflect(t, ctx, db, today)
	s := open(t, ctx, db, 78, 20)
	if v := tuitest.View(s); !strings.Contains(v, "today is done") {
		t.Fatalf("today not done:\n%s", v)
	}
	_, out := tuitest.Send(s, tuitest.Key("t"))
	if st := statuses(out); len(st) != 1 || !strings.Contains(st[0], "already active") {
		t.Fatalf("status %q", st)
	}
	if rest, _ := db.RestDays(); len(rest) != 0 {
		t.Fatalf("rest days %v", rest)
	}
}

func TestReloadsOnDataChanged(t *testing.T) {
	ctx, db := tuitest.Context(t)
	s := open(t, ctx, db, 78, 20)
	reflect(t, ctx, db, today) // e.g. from another terminal
	if v := tuitest.View(s); !strings.Contains(v, "No streak right now") {
		t.Fatalf("changed before the reload:\n%s", v)
	}
	s, _ = tuitest.Send(s, common.DataChanged{})
	if v := tuitest.View(s); !strings.Contains(v, "1-day streak, started 2026-11-23 — today is done") {
		t.Fatalf("not reloaded:\n%s", v)
	}
}

func TestEscGoesBack(t *testing.T) {
	ctx, db := tuitest.Context(t)
	s := open(t, ctx, db, 78, 20)
	_, out := tuitest.Send(s, tuitest.Key("esc"))
	if len(out) != 1 {
		t.Fatalf("messages %v", out)
	}
	if _, ok := out[0].(common.Back); !ok {
		t.Fatalf("esc sent %T", out[0])
	}
}

func TestSizes(t *testing.T) {
	ctx, db := tuitest.Context(t)
	reflect(t, ctx, db, "2026-11-22")
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {30, 8}, {39, 10}, {60, 20}, {118, 30}, {200, 40}} {
		s := open(t, ctx, db, sz[0], sz[1])
		v := tuitest.View(s)
		if !strings.Contains(v, "streak") {
			t.Errorf("%v: %q", sz, v)
		}
		if sz[0] >= 30 {
			for _, l := range strings.Split(v, "\n") {
				if ansi.StringWidth(l) > sz[0] {
					t.Errorf("%v: line %d wide: %q", sz, ansi.StringWidth(l), l)
				}
			}
		}
	}
	// A wide terminal draws a year with a gap between weeks.
	s := open(t, ctx, db, 118, 30)
	for _, l := range strings.Split(tuitest.View(s), "\n") {
		if strings.HasPrefix(l, "Mon ") && ansi.StringWidth(l) != 4+53*2-1 {
			t.Errorf("wide Monday row %d: %q", ansi.StringWidth(l), l)
		}
	}
}

func TestKeysHaveHelp(t *testing.T) {
	ctx, db := tuitest.Context(t)
	k := streakview.New(ctx, db).Keys()
	if len(k.ShortHelp()) == 0 || len(k.FullHelp()) == 0 {
		t.Fatal("no help")
	}
	for _, b := range k.ShortHelp() {
		if b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("binding without help: %v", b.Keys())
		}
	}
}

// TestWorkdaysCarryTheStreakOverTheWeekend: with Monday to Friday, a rep
// who reflected every workday has one streak across the weekend; the
// screen says the workdays, and Saturday needs no rest day.
func TestWorkdaysCarryTheStreakOverTheWeekend(t *testing.T) {
	ctx, db := tuitest.Context(t)
	for _, d := range []journal.Day{"2026-11-12", "2026-11-13", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"} {
		reflect(t, ctx, db, d)
	}
	ctx.Settings.Workdays = journal.WeekdaysOnly.IDs()
	ctx.Now = func() time.Time { return tuitest.Now.AddDate(0, 0, -2) } // Saturday 2026-11-21
	s := open(t, ctx, db, 78, 24)
	v := tuitest.View(s)
	for _, want := range []string{
		"7-day streak since 2026-11-12 — today is outside your workdays",
		"5 of 5 active days · goal reached",
		"Workdays        Monday to Friday · other days never break a streak",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q in\n%s", want, v)
		}
	}
	if strings.Contains(v, "at risk") {
		t.Errorf("a day off is not a risk:\n%s", v)
	}
	_, out := tuitest.Send(s, tuitest.Key("t"))
	if got := statuses(out); len(got) != 1 || !strings.Contains(got[0], "outside your workdays") {
		t.Fatalf("t on a day off said %v", got)
	}
	if rest, _ := db.RestDays(); len(rest) != 0 {
		t.Fatalf("a rest day was spent on a day off: %v", rest)
	}
	// Every day (no workdays chosen): the same days are two streaks, and
	// Saturday is at risk.
	ctx.Settings.Workdays = nil
	v = tuitest.View(open(t, ctx, db, 78, 24))
	if !strings.Contains(v, "Workdays        every day") || !strings.Contains(v, "5-day streak since 2026-11-16") || !strings.Contains(v, "at risk") {
		t.Errorf("every day:\n%s", v)
	}
}
