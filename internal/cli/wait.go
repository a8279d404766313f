package cli

import (
	"fmt"

	"github.com/dustin/go-humanize"
)

// waiting says on stderr, once, that this command waits for another
// rebound's long write (an import, a repair) instead of failing busy.
// The full-screen app waits without a word: a line on stderr would land
// in the middle of its screen.
func (a *app) waiting(what string) {
	if a.onScreen.Load() {
		return
	}
	fmt.Fprintf(a.stderr, "Waiting for %s to finish…\n", what)
}

// upgrading says on stderr that Open upgrades a large journal to this
// build's schema, which takes seconds (a minute at a million No's), so the
// first command after an upgrade of rebound does not seem to hang.
func (a *app) upgrading(nos int) {
	if a.onScreen.Load() {
		return
	}
	fmt.Fprintf(a.stderr, "Upgrading your journal (%s No's)…\n", humanize.Comma(int64(nos)))
}
