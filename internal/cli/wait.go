package cli

import "fmt"

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
