package formscreen

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/confirm"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// vals are a screen's values, on the heap as the screens keep them.
type vals struct{ Pick, Name, Note string }

func newTest(v *vals, groups bool) *Model {
	s := common.NewStyles(true)
	return New(Config{
		Styles: &s,
		Fields: func() [][]huh.Field {
			pick := huh.NewSelect[string]().Key("pick").Title("Pick one").
				Options(huh.NewOptions("alpha", "bravo", "charlie", "delta", "echo")...).Value(&v.Pick)
			name := huh.NewInput().Key("name").Title("Name").Value(&v.Name)
			note := huh.NewInput().Key("note").Title("Note").Value(&v.Note)
			if groups {
				return [][]huh.Field{{pick}, {name}, {note}}
			}
			return [][]huh.Field{{pick, name, note}}
		},
		Leave:    key.NewBinding(key.WithKeys("esc")),
		Dirty:    func() bool { return v.Name != "" },
		Question: "Discard what you typed? y discards · any other key keeps editing",
		Keys:     confirm.Keys("discard", "keep editing"),
		Chrome:   2,
	})
}

// screen hosts the form as a screen does, so tuitest runs its commands.
type screen struct {
	f    *Model
	last Event
}

func (s *screen) Init() tea.Cmd { return s.f.Open() }
func (s *screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	ev, cmd := s.f.Update(msg)
	if ev != None {
		s.last = ev
	}
	return s, cmd
}
func (s *screen) View() string      { return s.f.View() }
func (s *screen) SetSize(w, h int)  { s.f.SetSize(w, h) }
func (s *screen) Keys() help.KeyMap { return s.f.Keys(confirm.Keys("", "")) }
func (s *screen) Title() string     { return "" }
func (s *screen) Capturing() bool   { return true }

func host(t *testing.T, v *vals, groups bool) *screen {
	t.Helper()
	s := &screen{f: newTest(v, groups)}
	s.SetSize(60, 20)
	tuitest.Run(s, s.Init())
	return s
}

func press(s *screen, keys ...string) {
	for _, k := range keys {
		tuitest.Send(s, tuitest.Key(k))
	}
}

func TestGrowsBackWithFocusAndValues(t *testing.T) {
	for _, groups := range []bool{false, true} {
		v := &vals{}
		s := host(t, v, groups)
		f := s.f
		press(s, "enter") // alpha, on to Name
		tuitest.Type(s, "Sam")
		if f.Form().GetFocusedField().GetKey() != "name" || v.Name != "Sam" {
			t.Fatalf("groups=%v: focus %q, name %q", groups, f.Form().GetFocusedField().GetKey(), v.Name)
		}
		for _, sz := range [][2]int{{30, 5}, {60, 20}} {
			tuitest.Send(s, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		}
		view := ansi.Strip(f.View())
		if !groups && !strings.Contains(view, "echo") {
			t.Errorf("the select did not grow back:\n%s", view)
		}
		if got := f.Form().GetFocusedField().GetKey(); got != "name" || v.Name != "Sam" || f.Form().State != huh.StateNormal {
			t.Errorf("groups=%v: after resizing, focus %q, name %q, state %v", groups, got, v.Name, f.Form().State)
		}
	}
}

func TestLeavingAsksOnlyWithTypedText(t *testing.T) {
	v := &vals{}
	s := host(t, v, false)
	press(s, "esc")
	if s.last != Left || s.f.Asking() {
		t.Fatalf("esc on an untouched form: %v, asking %v", s.last, s.f.Asking())
	}
	s.last = None
	press(s, "enter")
	tuitest.Type(s, "Sam")
	press(s, "esc")
	if s.last != None || !s.f.Asking() {
		t.Fatalf("esc with typed text: %v, asking %v", s.last, s.f.Asking())
	}
	if q := ansi.Strip(s.f.Question(s.f.cfg.Styles, 80)); q != "Discard what you typed? y discards · any other key keeps editing" {
		t.Errorf("question %q", q)
	}
	if h := s.f.Keys(nil).ShortHelp(); len(h) != 2 || h[0].Help().Desc != "discard" || h[1].Help().Key != "any other key" {
		t.Errorf("footer while asking: %+v", h)
	}
	press(s, "n")
	if s.f.Asking() || s.last != None || v.Name != "Sam" {
		t.Fatalf("n did not keep editing: %v %q", s.last, v.Name)
	}
	tuitest.Type(s, "!") // still typing into the same field
	if v.Name != "Sam!" {
		t.Fatalf("after the question the field has %q", v.Name)
	}
	press(s, "esc", "y")
	if s.last != Discarded {
		t.Fatalf("y answered %v", s.last)
	}
}

// ctrl+c quits the app, not only the form: at once with nothing typed,
// after its own question with typed text (any other key keeps editing).
func TestCtrlCQuitsAfterAsking(t *testing.T) {
	v := &vals{}
	s := host(t, v, false)
	ctrlC := tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	tuitest.Send(s, ctrlC)
	if s.last != Quit || s.f.Asking() {
		t.Fatalf("ctrl+c on an untouched form: %v, asking %v", s.last, s.f.Asking())
	}
	s.last = None
	press(s, "enter")
	tuitest.Type(s, "Sam")
	// ctrl+c aborts huh's form: a fresh one keeps the values and the question opens.
	tuitest.Send(s, ctrlC)
	if !s.f.Asking() || s.f.Form().State != huh.StateNormal || v.Name != "Sam" || s.last != None {
		t.Fatalf("ctrl+c: asking %v, state %v, name %q, %v", s.f.Asking(), s.f.Form().State, v.Name, s.last)
	}
	if q := ansi.Strip(s.f.Question(s.f.cfg.Styles, 100)); !strings.HasPrefix(q, "Quit Rebound and lose what you typed?") {
		t.Errorf("question %q", q)
	}
	if h := s.f.Keys(nil).ShortHelp(); h[0].Help().Desc != "quit, lose what you typed" {
		t.Errorf("footer while asking: %+v", h)
	}
	press(s, "n")
	if s.last != None || s.f.Asking() || v.Name != "Sam" {
		t.Fatalf("n after ctrl+c: %v, asking %v, %q", s.last, s.f.Asking(), v.Name)
	}
	tuitest.Send(s, ctrlC)
	press(s, "y")
	if s.last != Quit {
		t.Fatalf("y after ctrl+c answered %v", s.last)
	}
	// esc afterwards asks its own question again, and y discards.
	s.last = None
	press(s, "esc")
	if q := ansi.Strip(s.f.Question(s.f.cfg.Styles, 100)); !strings.HasPrefix(q, "Discard what you typed?") {
		t.Errorf("esc's question %q", q)
	}
}

func TestSubmitHoldsKeysUntilRebuilt(t *testing.T) {
	v := &vals{}
	s := host(t, v, false)
	press(s, "enter")
	tuitest.Type(s, "Sam")
	press(s, "enter", "enter")
	if s.last != Submitted || !s.f.Saving() {
		t.Fatalf("after the last field: %v, saving %v", s.last, s.f.Saving())
	}
	s.last = None
	press(s, "esc")
	tuitest.Type(s, "x")
	if s.last != None || s.f.Asking() || v.Note != "" {
		t.Fatalf("keys during the save: %v, asking %v, note %q", s.last, s.f.Asking(), v.Note)
	}
	// The save failed: the form comes back with every value.
	tuitest.Run(s, s.f.Rebuild())
	if s.f.Saving() || s.f.Form().State != huh.StateNormal || v.Pick != "alpha" || v.Name != "Sam" {
		t.Fatalf("after Rebuild: saving %v, state %v, %+v", s.f.Saving(), s.f.Form().State, *v)
	}
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Sam") {
		t.Errorf("rebuilt form lost the name:\n%s", view)
	}
}

func TestEscClearsASelectFilterFirst(t *testing.T) {
	v := &vals{}
	s := host(t, v, false)
	press(s, "/", "c")
	press(s, "esc")
	if s.last != None || s.f.Asking() {
		t.Fatalf("esc while filtering left the form: %v", s.last)
	}
	press(s, "esc")
	if s.last != Left {
		t.Fatalf("the second esc: %v", s.last)
	}
}

// A select left with a filter typed shows its title and every option
// again, with the chosen one under the cursor (huh kept "/ch" for the
// title and blank lines for the options filtered out).
func TestFilteredSelectShowsItsTitleAfterLeaving(t *testing.T) {
	v := &vals{}
	s := host(t, v, false)
	press(s, "/", "c", "h", "enter")
	if v.Pick != "charlie" || s.f.Form().GetFocusedField().GetKey() != "name" {
		t.Fatalf("pick %q, focus %q", v.Pick, s.f.Form().GetFocusedField().GetKey())
	}
	view := ansi.Strip(s.View())
	if strings.Contains(view, "/ch") || !strings.Contains(view, "Pick one") {
		t.Errorf("the select lost its title:\n%s", view)
	}
	for _, o := range []string{"alpha", "bravo", "delta", "echo"} {
		if !strings.Contains(view, o) {
			t.Errorf("option %s missing after the filter:\n%s", o, view)
		}
	}
	if !strings.Contains(view, "> charlie") {
		t.Errorf("the cursor is not on the choice:\n%s", view)
	}
	// Back on the select, enter keeps the choice.
	tuitest.Send(s, tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	if got := s.f.Form().GetFocusedField().GetKey(); got != "pick" {
		t.Fatalf("shift+tab went to %q", got)
	}
	press(s, "enter")
	if v.Pick != "charlie" {
		t.Errorf("after coming back, enter picked %q", v.Pick)
	}
}

// A page taller than the screen scrolls by whole fields: a field is shown
// with its title or not at all (huh stopped at the page's end, mid-field,
// and showed the select's last options without its title).
func TestScrollsByWholeFields(t *testing.T) {
	v := &vals{}
	s := &screen{f: newTest(v, false)}
	s.SetSize(60, 10) // 8 lines for a page of 12
	tuitest.Run(s, s.Init())
	for _, step := range []string{"pick", "name", "note"} {
		view := ansi.Strip(s.View())
		if got := s.f.Form().GetFocusedField().GetKey(); got != step {
			t.Fatalf("focus %q, want %q", got, step)
		}
		if lines := strings.Count(view, "\n") + 1; lines != 8 {
			t.Errorf("on %s the form is %d lines, want 8:\n%s", step, lines, view)
		}
		if strings.Contains(view, "echo") && !strings.Contains(view, "Pick one") {
			t.Errorf("on %s the select shows without its title:\n%s", step, view)
		}
		if !strings.Contains(view, "┃") {
			t.Errorf("on %s the focused field is not shown:\n%s", step, view)
		}
		press(s, "enter")
	}
}
