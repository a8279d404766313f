package detailview

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// Every scrolling key the help lists moves the No's page that way.
func TestScrollKeysFollowTheKeyMap(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	n := tuitest.Add(t, db, journal.No{Who: "Acme", Said: strings.Repeat("We're worried about hidden fees. ", 40),
		Lesson: strings.Repeat("Show every fee up front. ", 30)})
	var s common.Screen = New(ctx, db, n.ID)
	s.SetSize(60, 8)
	s, _ = tuitest.Run(s, s.Init())
	k := DefaultKeys()
	for _, tc := range []struct {
		b    key.Binding
		down bool
	}{{k.Down, true}, {k.PageDown, true}, {k.HalfDown, true}, {k.Up, false}, {k.PageUp, false}, {k.HalfUp, false}} {
		for _, name := range tc.b.Keys() {
			m := s.(*Model)
			if tc.down {
				m.vp.GotoTop()
			} else {
				m.vp.GotoBottom()
			}
			before := m.vp.YOffset()
			s, _ = tuitest.Send(s, keyPress(name))
			after := s.(*Model).vp.YOffset()
			if (tc.down && after <= before) || (!tc.down && after >= before) {
				t.Errorf("%s (%s): offset %d -> %d", name, tc.b.Help().Desc, before, after)
			}
		}
	}
}

func keyPress(name string) tea.KeyPressMsg {
	switch name {
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "ctrl+d":
		return tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	}
	return tuitest.Key(name)
}
