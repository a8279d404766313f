package reflectview

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// fakeClock drives the breathing animation without sleeping.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time                       { return c.t }
func (c *fakeClock) advance(d time.Duration)              { c.t = c.t.Add(d) }
func (c *fakeClock) set(start time.Time, d time.Duration) { c.t = start.Add(d) }

// open builds the screen at 80×20 and loads it. Ticks are an hour apart so
// the test runner never spins the animation; the test sends ticks itself.
func open(t *testing.T, ctx *common.Context, db *store.Store) (*Model, *fakeClock) {
	t.Helper()
	m := New(ctx, db)
	clk := &fakeClock{t: tuitest.Now}
	m.clock, m.every = clk.now, time.Hour
	m.SetSize(80, 20)
	s, _ := tuitest.Run(m, m.Init())
	return s.(*Model), clk
}

func send(t *testing.T, m *Model, msg tea.Msg) (*Model, []tea.Msg) {
	t.Helper()
	s, out := tuitest.Send(m, msg)
	return s.(*Model), out
}

func press(t *testing.T, m *Model, keys ...string) *Model {
	t.Helper()
	for _, k := range keys {
		m, _ = send(t, m, tuitest.Key(k))
	}
	return m
}

// typeText pastes s into the focused field: one message instead of one
// key press (and one cursor-blink wait) per rune.
func typeText(m *Model, s string) *Model {
	out, _ := tuitest.Send(m, tea.PasteMsg{Content: s})
	return out.(*Model)
}

func wantStep(t *testing.T, m *Model, s step, viewHas ...string) {
	t.Helper()
	if m.step != s {
		t.Fatalf("step = %d, want %d; view:\n%s", m.step, s, tuitest.View(m))
	}
	v := tuitest.View(m)
	for _, w := range viewHas {
		if !strings.Contains(v, w) {
			t.Errorf("step %d view lacks %q:\n%s", s, w, v)
		}
	}
}

// pickRitual moves the ritual select to id and chooses it.
func pickRitual(t *testing.T, m *Model, id string) *Model {
	t.Helper()
	wantStep(t, m, stepRitualPick, "Pick a bounce-back ritual")
	idx := len(m.mode.Rituals) // "Skip the ritual today"
	for i, r := range m.mode.Rituals {
		if r.ID == id {
			idx = i
		}
	}
	for range idx {
		m = press(t, m, "down")
	}
	return press(t, m, "enter")
}

func TestReflectionStepsAdvanceAndSave(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	tuitest.Add(t, db, journal.No{Who: "Acme Corp"})
	tuitest.Add(t, db, journal.No{Who: "Globex"})
	tuitest.Add(t, db, journal.No{Who: "Yesterday Ltd", Date: today.AddDays(-1)})

	m, _ := open(t, ctx, db)
	wantStep(t, m, stepMood, "step 1 of 5", "You logged 2 No's today.", "How are you feeling right now?", "3 — okay", "1 rough … 5 strong")
	m = press(t, m, "down", "enter") // 3 → 4
	wantStep(t, m, stepPrompt, "step 2 of 5", m.prompt.Text)
	if m.prompt.ID == "" {
		t.Fatal("no prompt picked")
	}
	m = typeText(m, "It stung, then it passed.")
	m = press(t, m, "enter")
	m = pickRitual(t, m, "write")
	wantStep(t, m, stepRitual, "Write it down, then close it", "1. Write the no in one sentence", "enter when you're back")
	m = press(t, m, "enter")
	wantStep(t, m, stepWin, "step 4 of 5", "What is one win from today")
	m = typeText(m, "Booked two demos")
	m = press(t, m, "enter")
	wantStep(t, m, stepIntention, "step 5 of 5", "What follow-up question will you ask next time?")
	m = typeText(m, "What would make this a yes?")
	m, _ = send(t, m, tuitest.Key("enter"))
	wantStep(t, m, stepDone, "Day marked active.", "1 active day in a row", "What would make this a yes?")

	r, ok, err := db.Reflection(today)
	if err != nil || !ok {
		t.Fatalf("reflection not stored: %v %v", ok, err)
	}
	if r.Mood != 4 || r.Ritual != "write" || r.Win != "Booked two demos" || r.Intention != "What would make this a yes?" ||
		r.Sessions != 1 || r.CompletedAt.IsZero() {
		t.Errorf("stored %+v", r)
	}
	if len(r.Answers) != 1 || r.Answers[0].Prompt != m.prompt.Text || r.Answers[0].Answer != "It stung, then it passed." {
		t.Errorf("answers %+v", r.Answers)
	}
	if len(r.PromptIDs) != 1 || r.PromptIDs[0] != m.prompt.ID {
		t.Errorf("prompt ids %v, want [%s]", r.PromptIDs, m.prompt.ID)
	}
	_, out := send(t, m, tuitest.Key("enter"))
	if len(out) != 1 || out[0] != (common.Back{}) {
		t.Fatalf("enter on the done screen sent %v", out)
	}
}

func TestPromptIsNotYesterdays(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	mode := ctx.Mode()
	// The prompt today would get on a fresh journal becomes yesterday's.
	fresh := mode.PickPrompt(nil, today)
	if _, err := db.SaveReflection(journal.Reflection{Date: today.AddDays(-1), Mood: 3, PromptIDs: []string{fresh.ID}, CompletedAt: tuitest.Now}); err != nil {
		t.Fatal(err)
	}
	m, _ := open(t, ctx, db)
	if m.prompt.ID == fresh.ID || m.prompt.ID == "" {
		t.Fatalf("picked %q, yesterday's prompt was %q", m.prompt.ID, fresh.ID)
	}
	m = press(t, m, "enter")
	wantStep(t, m, stepPrompt, m.prompt.Text)
}

func TestPromptPrefersTheOneNotSeenThisWeek(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	ps := ctx.Mode().Prompts
	unseen := ps[len(ps)/2]
	var ids []string
	for _, p := range ps {
		if p.ID != unseen.ID {
			ids = append(ids, p.ID)
		}
	}
	// Every other prompt was shown within the last week.
	for i, id := range ids {
		d := today.AddDays(-2 - i%5)
		if _, err := db.SaveReflection(journal.Reflection{Date: d, PromptIDs: []string{id}, CompletedAt: tuitest.Now}); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := open(t, ctx, db)
	if m.prompt.ID != unseen.ID {
		t.Fatalf("picked %q, want the only prompt not seen this week, %q", m.prompt.ID, unseen.ID)
	}
}

// reflectOnce runs a whole session skipping the ritual.
func reflectOnce(t *testing.T, ctx *common.Context, db *store.Store, answer, win, intention string) *Model {
	t.Helper()
	m, _ := open(t, ctx, db)
	m = press(t, m, "enter")
	m = typeText(m, answer)
	m = press(t, m, "enter")
	m = pickRitual(t, m, "") // skip the ritual
	wantStep(t, m, stepWin)
	m = typeText(m, win)
	m = press(t, m, "enter")
	m = typeText(m, intention)
	m = press(t, m, "enter")
	wantStep(t, m, stepDone, "Day marked active.")
	return m
}

func TestSecondSessionSameDayAddsToTheFirst(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	today := journal.Today(tuitest.Now)
	first := reflectOnce(t, ctx, db, "Morning answer", "First win", "First intention")
	second, _ := open(t, ctx, db)
	wantStep(t, second, stepMood, "You reflected earlier today; this session adds to it.")
	if second.prompt.ID == first.prompt.ID {
		t.Errorf("the second session repeats the first session's prompt %q", first.prompt.ID)
	}
	m := reflectOnce(t, ctx, db, "Evening answer", "Second win", "Second intention")
	wantStep(t, m, stepDone, "Session 2 today")

	r, ok, err := db.Reflection(today)
	if err != nil || !ok {
		t.Fatalf("no reflection: %v", err)
	}
	if r.Sessions != 2 || len(r.Answers) != 2 || len(r.PromptIDs) != 2 {
		t.Fatalf("merged %+v", r)
	}
	if r.Answers[0].Answer != "Morning answer" || r.Answers[1].Answer != "Evening answer" {
		t.Errorf("answers %+v", r.Answers)
	}
	if r.Win != "First win\nSecond win" || r.Intention != "First intention\nSecond intention" {
		t.Errorf("win %q intention %q", r.Win, r.Intention)
	}
	all, err := db.Reflections("", "")
	if err != nil || len(all) != 1 {
		t.Fatalf("%d reflections stored, want 1 for the day (%v)", len(all), err)
	}
}

func TestLeavingAsksBeforeLosingText(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m, _ := open(t, ctx, db)
	// Nothing typed: esc just goes back.
	if _, out := send(t, m, tuitest.Key("esc")); len(out) != 1 || out[0] != (common.Back{}) {
		t.Fatalf("esc on an untouched reflection sent %v", out)
	}
	m = press(t, m, "enter")
	m = tuitest.Type(m, "Half").(*Model) // real key presses, as typed

	m, out := send(t, m, tuitest.Key("esc"))
	if len(out) != 0 || !m.form.Asking() {
		t.Fatalf("esc with typed text sent %v without asking", out)
	}
	wantStep(t, m, stepPrompt, "lose what you wrote")
	if !m.Capturing() {
		t.Error("the question does not capture keys")
	}
	m, out = send(t, m, tuitest.Key("n"))
	if len(out) != 0 || m.form.Asking() || m.vals.Answer != "Half" {
		t.Fatalf("n did not keep editing: %v %q", out, m.vals.Answer)
	}
	m = press(t, m, "esc")
	_, out = send(t, m, tuitest.Key("y"))
	if len(out) != 1 || out[0] != (common.Back{}) {
		t.Fatalf("y sent %v", out)
	}
	if _, ok, _ := db.Reflection(journal.Today(tuitest.Now)); ok {
		t.Error("leaving saved a reflection")
	}
}

func TestShiftTabGoesBackAStepKeepingText(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m, _ := open(t, ctx, db)
	m = press(t, m, "enter")
	m = typeText(m, "Kept answer")
	m = press(t, m, "enter")
	wantStep(t, m, stepRitualPick)
	m, _ = send(t, m, tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	wantStep(t, m, stepPrompt, "Kept answer")
	m, _ = send(t, m, tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	wantStep(t, m, stepMood)
}

func TestSaveFailureKeepsEverything(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m, _ := open(t, ctx, db)
	m.vals.Answer, m.vals.Win, m.vals.Intention = "a", "b", "c"
	m, _ = send(t, m, saveFailed{err: errBoom})
	wantStep(t, m, stepIntention, "Couldn't save", "nothing you wrote is lost")
	if m.vals.Answer != "a" || m.vals.Win != "b" || m.vals.Intention != "c" {
		t.Fatalf("values lost: %+v", *m.vals)
	}
}

type boom struct{}

func (boom) Error() string { return "disk full" }

var errBoom error = boom{}

func TestTinySizesDoNotPanic(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m, clk := toBreathing(t, ctx, db)
	// Every line is cut to the width (never under 20 columns), the step
	// indicator first.
	check := func(sz [2]int, wants ...string) {
		t.Helper()
		v := tuitest.View(m)
		lines := strings.Split(v, "\n")
		if !strings.HasPrefix(lines[0], "Daily reflection · ") {
			t.Errorf("%v: first line %q", sz, lines[0])
		}
		for _, l := range lines {
			if n := len([]rune(l)); n > max(20, sz[0]) && sz[0] > 0 {
				t.Errorf("%v: line of %d columns: %q", sz, n, l)
			}
		}
		for _, w := range wants {
			if !strings.Contains(v, w) {
				t.Errorf("%v: no %q in\n%s", sz, w, v)
			}
		}
	}
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {10, 3}, {40, 10}, {80, 24}} {
		m.SetSize(sz[0], sz[1])
		m, _ = send(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		clk.advance(3 * time.Second)
		m = tick(t, m)
		check(sz, "A minute of deep br", "0:")
	}
	check([2]int{80, 24}, "step 3 of 5 · Bounce back", "0:45")
	m = press(t, m, "s")
	for _, sz := range [][2]int{{0, 0}, {5, 2}, {30, 8}} {
		m, _ = send(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		check([2]int{}, "Small counts")
	}
	check([2]int{30, 8}, "What is one win")
}

func TestKeysFollowTheStep(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m, _ := toBreathing(t, ctx, db)
	var helps []string
	for _, b := range m.Keys().ShortHelp() {
		helps = append(helps, b.Help().Desc)
	}
	if got := strings.Join(helps, ","); got != "skip,pause,skip" {
		t.Errorf("breathing keys %q", got)
	}
	if m.Capturing() {
		t.Error("an untouched breathing timer captures keys (q and ? should work)")
	}
}

// q on the ritual is in the ? help and does what it says: leave, asking
// first when something was written.
func TestRitualQuitKeyIsInTheHelp(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m, _ := open(t, ctx, db)
	m = press(t, m, "enter")
	m = typeText(m, "A kind word")
	m = press(t, m, "enter")
	m = pickRitual(t, m, "breathing")
	var full []string
	for _, col := range m.Keys().FullHelp() {
		for _, b := range col {
			full = append(full, b.Help().Key+" "+b.Help().Desc)
		}
	}
	if !slices.Contains(full, "q leave") {
		t.Errorf("? help on the ritual: %q", full)
	}
	if !m.Capturing() {
		t.Fatal("with an answer written the ritual leaves q to the root, which would lose it")
	}
	m, out := send(t, m, tuitest.Key("q"))
	if len(out) != 0 || !m.form.Asking() {
		t.Fatalf("q with text written: %v, asking %v", out, m.form.Asking())
	}
	if _, out = send(t, m, tuitest.Key("y")); len(out) != 1 || out[0] != (common.Back{}) {
		t.Fatalf("y sent %v", out)
	}
}

// TestEmptyReflectionDoesNotMarkTheDayActive: a mood and nothing written
// is kept, but the done screen does not call the day active, and neither
// does the streak.
func TestEmptyReflectionDoesNotMarkTheDayActive(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	m, _ := open(t, ctx, db)
	m = press(t, m, "up", "up", "enter", "enter") // mood 1, no answer
	m = pickRitual(t, m, "")
	m = press(t, m, "enter")                // no win
	m, _ = send(t, m, tuitest.Key("enter")) // no intention
	wantStep(t, m, stepDone, "Nothing was written, so today is not an active day yet")
	if strings.Contains(tuitest.View(m), "Day marked active") || strings.Contains(tuitest.View(m), "in a row") {
		t.Fatalf("an empty reflection was called active:\n%s", tuitest.View(m))
	}
	r, ok, err := db.Reflection(journal.Today(tuitest.Now))
	if err != nil || !ok || r.Mood != 1 {
		t.Fatalf("the mood was not kept: %+v %v %v", r, ok, err)
	}
}
