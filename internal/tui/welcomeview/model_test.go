package welcomeview

import (
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
	for _, want := range []string{"Welcome to Rebound", "Sales — for reps, founders and freelancers", "Job search — for job seekers", "Your name (optional)", "5 days a week"} {
		if !strings.Contains(v, want) {
			t.Errorf("welcome lacks %q:\n%s", want, v)
		}
	}
	m, _ = press(m, "down", "enter") // job
	m = tuitest.Type(m, "Sam").(*Model)
	m, _ = press(m, "enter", "right", "right") // 5 → 7
	if !strings.Contains(tuitest.View(m), "7 days a week") {
		t.Fatalf("goal did not move:\n%s", tuitest.View(m))
	}
	m, out := press(m, "enter")
	want := journal.Settings{Mode: "job", Name: "Sam", WeekGoal: 7, Welcomed: true}
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
			status = strings.Contains(o.Text, "Job search mode, 7 days a week")
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
	if want := (journal.Settings{Mode: "sales", WeekGoal: 5, Welcomed: true}); !got.Equal(want) {
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
	m, _ = press(m, "enter", "enter")
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
	m, _ = press(m, "enter", "enter") // the goal, then save
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
