package formscreen

import (
	"errors"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Settling is on from a key that moves the focus until huh's message has
// moved it (the next field, the next page, or the end of the form), and
// never for a key typed into a field or one that moves nothing.
func TestSettlingLastsUntilTheFocusHasMoved(t *testing.T) {
	v := &vals{}
	s := host(t, v, true) // a page per field: enter's move takes two messages
	if s.f.Settling() {
		t.Fatal("settling before any key")
	}
	shiftTab := tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	if _, cmd := s.f.Update(shiftTab); s.f.Settling() {
		t.Fatal("shift+tab on the first field moves nowhere, yet the keys would wait")
	} else {
		tuitest.Run(s, cmd)
	}
	_, cmd := s.f.Update(tuitest.Key("enter"))
	if !s.f.Settling() {
		t.Fatal("enter on the list: not settling")
	}
	tuitest.Run(s, cmd) // nextFieldMsg, then nextGroupMsg
	if s.f.Settling() {
		t.Fatal("still settling once the focus moved")
	}
	if _, ok := s.f.Form().GetFocusedField().(*huh.Input); !ok || v.Pick != "alpha" {
		t.Fatalf("focus on %T, pick %q", s.f.Form().GetFocusedField(), v.Pick)
	}
	for _, r := range "Sam" {
		if _, cmd := s.f.Update(tuitest.Key(string(r))); s.f.Settling() {
			t.Fatalf("typing %q made the keys wait", r)
		} else {
			tuitest.Run(s, cmd)
		}
	}
	// A move that never comes ends at SettleMax (its message).
	_, cmd = s.f.Update(tuitest.Key("tab"))
	if !s.f.Settling() {
		t.Fatal("tab: not settling")
	}
	s.f.Update(settleMsg{s.f.moveGen})
	if s.f.Settling() {
		t.Fatal("still settling after its time ran out")
	}
	tuitest.Run(s, cmd)
	// The last field's enter completes the form: no longer settling.
	_, cmd = s.f.Update(tuitest.Key("enter"))
	tuitest.Run(s, cmd)
	if s.last != Submitted || s.f.Settling() {
		t.Fatalf("after the last field: %v, settling %v", s.last, s.f.Settling())
	}
}

// A field that refuses its value keeps the focus: the keys after need not wait.
func TestNoSettlingWhenTheFieldRefuses(t *testing.T) {
	s := host(t, &vals{}, false)
	in := huh.NewInput().Validate(func(string) error { return errors.New("not that") })
	s.f.cfg.Fields = func() [][]huh.Field { return [][]huh.Field{{in}} }
	tuitest.Run(s, s.f.Open())
	s.f.Update(tuitest.Key("enter"))
	if s.f.Settling() {
		t.Fatal("enter refused by the field, yet the keys would wait")
	}
}
