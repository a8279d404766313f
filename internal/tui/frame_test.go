package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
	"github.com/rebound-coach/rebound/internal/tui/tuitest"
)

// TestBoxAndFrameAreLipgloss: the root's own padding gives what the
// lipgloss styles it stands for give, for real screens and odd text.
func TestBoxAndFrameAreLipgloss(t *testing.T) {
	t.Parallel()
	ctx, db := tuitest.Context(t)
	for i := range 30 {
		tuitest.Add(t, db, journal.No{Who: "Acme 株式会社 " + strings.Repeat("x", i), Reason: "price",
			Said: "too \x1b[31mred\x1b[0m", FollowUp: journal.Today(tuitest.Now).AddDays(i - 10)})
	}
	bodies := []string{"", "a", "\n\n", "short\nlines", strings.Repeat("wide 株式会社 line ", 12),
		"tab\there", "cr\r\nlf", "\x1b[1mbold\x1b[m and 🙂 emoji", strings.Repeat("row\n", 50), "ends with space \n "}
	for _, to := range []common.ScreenID{common.ScreenHome, common.ScreenJournal, common.ScreenStreak,
		common.ScreenInsights, common.ScreenFollowUps} {
		for _, size := range [][2]int{{40, 10}, {80, 24}, {100, 30}, {200, 60}} {
			m := New(ctx, db, common.Navigate{To: to})
			run(m, m.Init())
			m.Update(teaSize(size[0], size[1]))
			run(m, nil)
			bodies = append(bodies, m.top().View())
			bodies = append(bodies, m.render())
		}
	}
	app := common.NewStyles(true).App
	for _, s := range bodies {
		for _, wh := range [][2]int{{38, 6}, {78, 20}, {98, 26}, {10, 3}} {
			w, h := wh[0], wh[1]
			if got, want := box(s, w, h), lipgloss.NewStyle().Width(w).Height(h).MaxHeight(h).MaxWidth(w).Render(s); got != want {
				t.Errorf("box(%q, %d, %d) =\n%q\nwant\n%q", s, w, h, got, want)
			}
		}
		if got, want := frame(app, s), app.Render(s); got != want {
			t.Errorf("frame(%q) =\n%q\nwant\n%q", s, got, want)
		}
	}
	other := lipgloss.NewStyle().Padding(1, 2)
	if got, want := frame(other, "a\nbb"), other.Render("a\nbb"); got != want {
		t.Errorf("another app style: %q, want %q", got, want)
	}
}

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
