package coach

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/words"
)

// One-line descriptions the screens and the commands share, so `rebound who`
// and the who screen, `rebound settings` and the welcome, say the same.

// Tagline is the "For …" part of the mode's description, for a one-line choice.
func (m *Mode) Tagline() string {
	d := strings.TrimSpace(m.Description)
	if i := strings.IndexAny(d, ":."); i > 0 {
		d = d[:i]
	}
	if d != "" {
		d = strings.ToLower(d[:1]) + d[1:]
	}
	return d
}

// ProspectSummary is "3 No's · 1 win · 1 turned into a yes · latest: open"
// for a prospect: the counts are the store's (every No from them, not only
// the page read), the latest outcome their newest No's.
func ProspectSummary(p journal.Prospect, wins []journal.Win) string {
	parts := []string{words.Count(p.Total, "No", "No's")}
	if len(wins) > 0 {
		parts = append(parts, words.Count(len(wins), "win", "wins"))
	}
	if p.Yes > 0 {
		parts = append(parts, fmt.Sprintf("%d turned into a yes", p.Yes))
	}
	if p.Latest != "" {
		parts = append(parts, "latest: "+p.Latest.Words())
	}
	return strings.Join(parts, " · ")
}

// Alt is what they chose instead in the mode's words, with neutral words
// where a mode built by hand leaves them out (loaded modes have all four).
func (w Words) Alt() Alternative {
	a := w.Alternative
	a.One = cmp.Or(a.One, "alternative")
	a.Many = cmp.Or(a.Many, "alternatives")
	a.Why = cmp.Or(a.Why, "why")
	a.None = cmp.Or(a.None, "Nothing chosen instead named in this period.")
	return a
}
