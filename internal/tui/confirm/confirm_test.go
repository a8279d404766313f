package confirm

import (
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

func TestYesIsYAnyOtherKeyIsNo(t *testing.T) {
	for _, tc := range []struct {
		key tea.KeyPressMsg
		yes bool
	}{
		{tea.KeyPressMsg{Code: 'y', Text: "y"}, true},
		{tea.KeyPressMsg{Code: 'y', Text: "Y", ShiftedCode: 'Y', Mod: tea.ModShift}, true},
		{tea.KeyPressMsg{Code: 'n', Text: "n"}, false},
		{tea.KeyPressMsg{Code: tea.KeyEnter}, false},
		{tea.KeyPressMsg{Code: tea.KeyEscape}, false},
		{tea.KeyPressMsg{Code: 'q', Text: "q"}, false},
	} {
		c := New(Keys("delete", "keep it"))
		c.Ask("Delete No #3? y deletes · any other key keeps it")
		if !c.Open() {
			t.Fatal("Ask did not open the question")
		}
		if got := c.Answer(tc.key); got != tc.yes || c.Open() {
			t.Errorf("%q: yes=%v open=%v", tc.key.String(), got, c.Open())
		}
	}
}

func TestViewIsOneLineAndEmptyWhenClosed(t *testing.T) {
	c := New(Keys("delete", "keep it"))
	if v := c.View(lipgloss.NewStyle(), 80); v != "" {
		t.Errorf("closed question shows %q", v)
	}
	c.Ask("Delete No #3 (Acme)? y deletes · any other key keeps it")
	if v := c.View(lipgloss.NewStyle(), 80); v != "Delete No #3 (Acme)? y deletes · any other key keeps it" {
		t.Errorf("view %q", v)
	}
	if v := c.View(lipgloss.NewStyle(), 24); lipgloss.Width(v) > 24 || lipgloss.Height(v) != 1 {
		t.Errorf("narrow view %q", v)
	}
	h := c.Help().ShortHelp()
	if h[0].Help().Key != "y" || h[0].Help().Desc != "delete" || h[1].Help().Key != "any other key" {
		t.Errorf("help %+v", h)
	}
}
