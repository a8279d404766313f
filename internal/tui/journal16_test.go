package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The journal's footer names ? help, as home's does, and fits: at 80
// columns the arrows give way first; at 120 every hint shows. ? opens the
// journal's help; while the filter is typed into, ? is a character.
func TestJournalFooterNamesHelp(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		w          int
		want, gone []string
	}{
		{80, []string{"enter open", "/ filter", "esc back", "? help"}, []string{"↑/k up", "↓/j down"}},
		{120, []string{"↑/k up", "↓/j down", "enter open", "e edit", "d delete", "/ filter", "esc back", "? help"}, nil},
	} {
		m := newcomerApp(t, c.w, 24)
		press(m, "j")
		lines := strings.Split(ansi.Strip(m.render()), "\n")
		footer := lines[len(lines)-1]
		if m.top().Title() != "Journal" || ansi.StringWidth(footer) > c.w || strings.Contains(footer, "…") {
			t.Fatalf("at %d the journal's footer: %q", c.w, footer)
		}
		for _, want := range c.want {
			if !strings.Contains(footer, want) {
				t.Errorf("at %d the footer lacks %q: %q", c.w, want, footer)
			}
		}
		for _, gone := range c.gone {
			if strings.Contains(footer, gone) {
				t.Errorf("at %d the footer keeps %q: %q", c.w, gone, footer)
			}
		}
		press(m, "?")
		if v := ansi.Strip(m.render()); !strings.Contains(v, "Keys — Journal") || !strings.Contains(v, "↑/k") {
			t.Fatalf("at %d ? in the journal:\n%s", c.w, v)
		}
		press(m, "x", "/", "?")
		if v := ansi.Strip(m.render()); strings.Contains(v, "Keys — Journal") || !strings.Contains(v, "/ ?") {
			t.Errorf("at %d ? in the filter is not typed:\n%s", c.w, v)
		}
	}
}
