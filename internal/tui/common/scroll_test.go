package common

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

func TestScrollMovesTheViewportByItsKeys(t *testing.T) {
	keys := ScrollKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k")),
		Down:     key.NewBinding(key.WithKeys("down", "j")),
		PageUp:   key.NewBinding(key.WithKeys("pgup")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "f")),
		HalfUp:   key.NewBinding(key.WithKeys("u")),
		HalfDown: key.NewBinding(key.WithKeys("ctrl+d")),
		Top:      key.NewBinding(key.WithKeys("g")),
		Bottom:   key.NewBinding(key.WithKeys("G")),
	}
	lines := make([]string, 100)
	for i := range lines {
		lines[i] = fmt.Sprint("line ", i)
	}
	// 100 lines in a 10-line window: offsets run from 0 to 90.
	for _, c := range []struct {
		key      tea.KeyPressMsg
		from, to int
	}{
		{press("j"), 40, 41},
		{tea.KeyPressMsg{Code: tea.KeyDown}, 40, 41},
		{press("k"), 40, 39},
		{press("f"), 40, 50},
		{tea.KeyPressMsg{Code: tea.KeyPgUp}, 40, 30},
		{tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}, 40, 45},
		{press("u"), 40, 35},
		{press("g"), 40, 0},
		{press("G"), 40, 90},
		{press("k"), 0, 0},   // already at the top
		{press("f"), 90, 90}, // already at the bottom
	} {
		vp := viewport.New(viewport.WithWidth(20), viewport.WithHeight(10))
		vp.SetContent(strings.Join(lines, "\n"))
		vp.SetYOffset(c.from)
		if !keys.Scroll(&vp, c.key) {
			t.Errorf("%s from %d: not a scroll key", c.key, c.from)
		}
		if got := vp.YOffset(); got != c.to {
			t.Errorf("%s from %d: offset %d, want %d", c.key, c.from, got, c.to)
		}
	}

	// Another key, or one whose binding the screen left empty, is not
	// taken and does not move.
	half := keys
	half.HalfUp, half.Top = key.Binding{}, key.Binding{}
	for _, msg := range []tea.KeyPressMsg{press("x"), press("u"), press("g")} {
		vp := viewport.New(viewport.WithWidth(20), viewport.WithHeight(10))
		vp.SetContent(strings.Join(lines, "\n"))
		vp.SetYOffset(40)
		if half.Scroll(&vp, msg) || vp.YOffset() != 40 {
			t.Errorf("%s: taken (offset %d)", msg, vp.YOffset())
		}
	}
}

func press(s string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: rune(s[0]), Text: s} }
