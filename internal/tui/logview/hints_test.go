package logview

import (
	"strings"
	"testing"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// At 80 columns (a body of 78) the form's hints wrap at words in every
// mode: huh also breaks after a comma, which left a line holding only
// `".` under the contact hint (`a plain "Hi,` / `".`).
func TestHintsWrapAtWordsAt80(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"sales", "job", "school", "personal"} {
		ctx, db := tuitest.Context(t)
		ctx.Settings.Mode = mode
		var s common.Screen = New(ctx, db)
		s.SetSize(78, 40)
		s, _ = tuitest.Run(s, s.Init())
		s, _ = tuitest.Send(s, tea.WindowSizeMsg{Width: 78, Height: 40})
		for _, line := range strings.Split(tuitest.View(s), "\n") {
			text := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "┃"))
			if text != "" && !strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '>' }) {
				t.Errorf("%s: a line of punctuation alone: %q\n%s", mode, line, tuitest.View(s))
			}
		}
	}
}
