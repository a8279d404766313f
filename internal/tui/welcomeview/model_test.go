package welcomeview

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// firstRun is a fresh journal whose welcome has not run yet.
func firstRun(t *testing.T) (*common.Context, *store.Store) {
	t.Helper()
	ctx, db := tuitest.Context(t)
	ctx.Settings = journal.DefaultSettings()
	return ctx, db
}

func open(t *testing.T, ctx *common.Context, db Store) *Model {
	t.Helper()
	m := New(ctx, db)
	m.SetSize(80, 20)
	s, _ := tuitest.Run(m, m.Init())
	s, _ = tuitest.Send(s, tea.WindowSizeMsg{Width: 80, Height: 20})
	return s.(*Model)
}

func press(m *Model, keys ...string) (*Model, []tea.Msg) {
	var out, o []tea.Msg
	var s common.Screen = m
	for _, k := range keys {
		s, o = tuitest.Send(s, tuitest.Key(k))
		out = append(out, o...)
	}
	return s.(*Model), out
}

// finish runs the Saved message's commands and returns what they send.
func finish(t *testing.T, m *Model, saved Saved) []tea.Msg {
	t.Helper()
	_, cmd := m.Update(saved)
	var msgs []tea.Msg
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		default:
			msgs = append(msgs, msg)
		}
	}
	run(cmd)
	return msgs
}

func TestWelcomeSavesTheChoices(t *testing.T) {
	t.Parallel()
	ctx, db := firstRun(t)
	m := open(t, ctx, db)
	if m.Title() != "Welcome" {
		t.Errorf("title %q", m.Title())
	}
	v := tuitest.View(m)
	for _, want := range []string{"Welcome to Rebound", "Sales — for reps, founders and freelancers", "Job search — for job seekers", "Your name (optional)"} {
		if !strings.Contains(v, want) {
			t.Errorf("welcome lacks %q:\n%s", want, v)
		}
	}
	m, _ = press(m, "down", "enter") // job
	m = tuitest.Type(m, "Sam").(*Model)
	m, _ = press(m, "enter") // the workdays: Monday to Friday preselected in job
	if v := tuitest.View(m); !strings.Contains(v, "Which days count for your streak?") || !strings.Contains(v, "5 days a week") ||
		!slices.Equal(m.vals.Workdays, journal.WeekdaysOnly.IDs()) {
		t.Fatalf("workdays not asked with Monday to Friday preselected (%v):\n%s", m.vals.Workdays, v)
	}
	m, _ = press(m, "down", "down", "down", "down", "down", "space") // and Saturday
	m, _ = press(m, "enter", "right")                                // 5 → 6
	if !strings.Contains(tuitest.View(m), "6 days a week") {
		t.Fatalf("goal did not move:\n%s", tuitest.View(m))
	}
	m, out := press(m, "enter")
	want := journal.Settings{Mode: "job", Name: "Sam", WeekGoal: 6, Welcomed: true, Workdays: []string{"mon", "tue", "wed", "thu", "fri", "sat"}}
	got, err := db.Settings()
	if err != nil || !got.Equal(want) {
		t.Fatalf("stored %+v (%v), want %+v", got, err, want)
	}
	// Back and the status came through the runner; SettingsChanged went to the screen.
	var back, status bool
	for _, o := range out {
		switch o := o.(type) {
		case common.Back:
			back = true
		case common.Status:
			status = strings.Contains(o.Text, "Job search mode, Monday to Saturday, 6 days a week")
		}
	}
	if !back || !status {
		t.Fatalf("after saving: %v", out)
	}
	msgs := finish(t, m, Saved{Settings: want})
	var changed bool
	for _, o := range msgs {
		if sc, ok := o.(common.SettingsChanged); ok && sc.Settings.Equal(want) {
			changed = true
		}
	}
	if !changed {
		t.Fatalf("no SettingsChanged with the new settings: %v", msgs)
	}
}

func TestWelcomeEscSkipsWithDefaults(t *testing.T) {
	t.Parallel()
	ctx, db := firstRun(t)
	m := open(t, ctx, db)
	m, _ = press(m, "down") // hovering job, then skipping: defaults win
	_, out := press(m, "esc")
	got, _ := db.Settings()
	if want := (journal.Settings{Mode: "sales", WeekGoal: 5, Welcomed: true, Workdays: journal.WeekdaysOnly.IDs()}); !got.Equal(want) || len(got.Workdays) != 5 {
		t.Fatalf("skip stored %+v, want %+v", got, want)
	}
	if len(out) == 0 || out[len(out)-1] != (common.Back{}) {
		t.Fatalf("skip sent %v", out)
	}
}

func TestWelcomeSuggestsTheModeOverride(t *testing.T) {
	t.Parallel()
	ctx, db := firstRun(t)
	ctx.ModeOverride = "school"
	m := open(t, ctx, db)
	if m.vals.Mode != "school" {
		t.Fatalf("mode %q, want school from --mode", m.vals.Mode)
	}
	if !strings.Contains(tuitest.View(m), "> School") && !strings.Contains(tuitest.View(m), "School —") {
		t.Errorf("view:\n%s", tuitest.View(m))
	}
}

func TestSettingsEditKeepsOtherChoicesAndAsksBeforeDiscarding(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	ctx.Settings = journal.Settings{Mode: "personal", Name: "Alex", WeekGoal: 3, Welcomed: true}
	m := open(t, ctx, db)
	if m.Title() != "Settings" || m.vals.Mode != "personal" || m.vals.Name != "Alex" || m.vals.Goal != 3 {
		t.Fatalf("not prefilled: %q %+v", m.Title(), *m.vals)
	}
	// Unchanged: esc just leaves, saving nothing.
	if _, out := press(m, "esc"); len(out) != 1 || out[0] != (common.Back{}) {
		t.Fatalf("esc on unchanged settings sent %v", out)
	}
	m, _ = press(m, "enter")           // keep personal
	m = tuitest.Type(m, "ia").(*Model) // Alexia
	m, out := press(m, "esc")
	if len(out) != 0 || !m.form.Asking() || !strings.Contains(tuitest.View(m), "Leave without saving") {
		t.Fatalf("esc with a change did not ask: %v\n%s", out, tuitest.View(m))
	}
	m, _ = press(m, "n")
	if m.form.Asking() || m.vals.Name != "Alexia" {
		t.Fatalf("n did not keep editing: %+v", *m.vals)
	}
	m, _ = press(m, "enter", "enter", "enter") // name, the workdays kept (every day), the goal
	got, _ := db.Settings()
	if want := (journal.Settings{Mode: "personal", Name: "Alexia", WeekGoal: 3, Welcomed: true}); !got.Equal(want) {
		t.Fatalf("stored %+v, want %+v", got, want)
	}
	if m.Title() != "Settings" {
		t.Error(m.Title())
	}
}

// fullDisk is a Store whose every save fails: no journal file needed to
// see what the screen does with the error.
type fullDisk struct{ tried int }

func (f *fullDisk) SaveSettings(journal.Settings) error { f.tried++; return errFull{} }

func TestWelcomeSaveFailureKeepsChoices(t *testing.T) {
	t.Parallel()
	ctx := tuitest.BareContext()
	ctx.Settings = journal.DefaultSettings()
	db := &fullDisk{}
	m := open(t, ctx, db)
	m, _ = press(m, "enter") // the suggested mode
	m = tuitest.Type(m, "Sam").(*Model)
	m, _ = press(m, "enter", "enter", "enter") // the workdays, the goal, then save
	if db.tried != 1 {
		t.Fatalf("the save was tried %d times:\n%s", db.tried, tuitest.View(m))
	}
	if !strings.Contains(tuitest.View(m), "your choices are kept") || m.vals.Name != "Sam" || m.form.Saving() {
		t.Fatalf("after a failed save:\n%s", tuitest.View(m))
	}
}

type errFull struct{}

func (errFull) Error() string { return "disk full" }

func TestWelcomeTinySizes(t *testing.T) {
	t.Parallel()
	ctx, db := firstRun(t)
	m := open(t, ctx, db)
	for _, sz := range [][2]int{{0, 0}, {3, 1}, {40, 10}, {80, 24}} {
		s, _ := tuitest.Send(m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		v := tuitest.View(s)
		// The title comes first, cut to the width (never under 20 columns).
		first, _, _ := strings.Cut(v, "\n")
		if !strings.HasPrefix(first, "Welcome to Rebound") || len([]rune(first)) > max(20, sz[0]) {
			t.Errorf("%v: first line %q", sz, first)
		}
		if sz[0] >= 40 && !strings.Contains(v, "Where do you hear no most?") {
			t.Errorf("%v: the first question is gone:\n%s", sz, v)
		}
	}
	// Back at full size after being squeezed, every mode is listed again.
	if v := tuitest.View(m); !strings.Contains(v, "Personal — for") {
		t.Errorf("the mode list did not grow back at 80×24:\n%s", v)
	}
}

// TestWelcomeWorkdaysFollowTheMode: Monday to Friday is preselected in
// sales, job and school, every day in personal; a mode chosen later brings
// its own week until the user picks days themselves.
func TestWelcomeWorkdaysFollowTheMode(t *testing.T) {
	t.Parallel()
	ctx, db := firstRun(t)
	m := open(t, ctx, db)
	if !slices.Equal(m.vals.Workdays, journal.WeekdaysOnly.IDs()) {
		t.Fatalf("sales preselects %v, want Monday to Friday", m.vals.Workdays)
	}
	m, _ = press(m, "down", "down", "down", "enter") // personal
	if m.vals.Mode != "personal" || len(m.vals.Workdays) != 7 {
		t.Fatalf("personal (%q) preselects %v, want every day", m.vals.Mode, m.vals.Workdays)
	}
	m, _ = press(m, "enter", "space") // the name; Monday off
	if slices.Contains(m.vals.Workdays, "mon") || len(m.vals.Workdays) != 6 {
		t.Fatalf("space did not take Monday off: %v\n%s", m.vals.Workdays, tuitest.View(m))
	}
	// Back to the mode, now school: the days picked by hand stay.
	m, _ = press(m, "shift+tab", "shift+tab")
	m.vals.Mode = "school" // (what choosing it does; huh's list keeps its own cursor)
	m.followMode()
	if len(m.vals.Workdays) != 6 {
		t.Fatalf("a new mode overwrote the days picked by hand: %v", m.vals.Workdays)
	}
}

// TestWelcomeGoalFitsTheWorkdays: a goal above the workdays is refused at
// the goal; the settings never store more than the week holds.
func TestWelcomeGoalFitsTheWorkdays(t *testing.T) {
	t.Parallel()
	ctx, db := firstRun(t)
	m := open(t, ctx, db)
	m, _ = press(m, "enter", "enter", "enter", "right", "right", "enter") // sales, no name, Monday to Friday, goal 7
	if v := tuitest.View(m); !strings.Contains(v, "Your week has 5 workdays; choose a goal up to 5.") {
		t.Fatalf("goal 7 on a five-day week was not refused:\n%s", v)
	}
	if got, _ := db.Settings(); got.Welcomed {
		t.Fatalf("saved despite the error: %+v", got)
	}
	m.vals.Goal = 7
	if s := m.Settings(); s.WeekGoal != 5 {
		t.Fatalf("Settings() keeps goal %d on a five-day week", s.WeekGoal)
	}
}

// TestSettingsWorkdaysChangeSaysStreaksAreRecounted: editing the workdays
// says past streaks are recounted.
func TestSettingsWorkdaysChangeSaysStreaksAreRecounted(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	ctx.Settings = journal.Settings{Mode: "sales", WeekGoal: 5, Welcomed: true}
	m := open(t, ctx, db)
	if len(m.vals.Workdays) != 7 {
		t.Fatalf("a journal without workdays shows %v, want every day", m.vals.Workdays)
	}
	m, _ = press(m, "enter", "enter") // mode, name
	for range 5 {
		m, _ = press(m, "down")
	}
	m, _ = press(m, "space", "down", "space", "enter") // Saturday and Sunday off
	_, out := press(m, "enter")
	got, _ := db.Settings()
	if !slices.Equal(got.Workdays, journal.WeekdaysOnly.IDs()) {
		t.Fatalf("stored workdays %v", got.Workdays)
	}
	said := false
	for _, o := range out {
		if st, ok := o.(common.Status); ok && strings.Contains(st.Text, "Monday to Friday") && strings.Contains(st.Text, "Past streaks are recounted") {
			said = true
		}
	}
	if !said {
		t.Fatalf("no word that past streaks are recounted: %v", out)
	}
}

// Skipping the welcome opened with --mode school keeps School, the mode
// the form showed, with its own week.
func TestWelcomeEscKeepsTheShownMode(t *testing.T) {
	t.Parallel()
	ctx, db := firstRun(t)
	ctx.ModeOverride = "school"
	m := open(t, ctx, db)
	press(m, "esc")
	got, _ := db.Settings()
	if got.Mode != "school" || !got.Welcomed || !slices.Equal(got.Workdays, journal.DefaultWorkdays("school")) {
		t.Fatalf("skip with --mode school stored %+v", got)
	}
}
