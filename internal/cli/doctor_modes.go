package cli

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/store"
)

// modeProblems names the stored modes this build does not have. The file's
// own checks cannot see them, yet an unknown saved mode stops every command
// that reads it (log, insights, followups, reasons), and a No of an unknown
// mode has reasons nobody can look up.
func (a *app) modeProblems(st *store.Store) []store.Problem {
	cat := a.catalog()
	known := strings.Join(cat.ModeIDs(), ", ")
	var out []store.Problem
	if set, err := st.Settings(); err == nil && !cat.HasMode(set.Mode) {
		out = append(out, store.Problem{Kind: "settings", Detail: fmt.Sprintf(
			"the saved mode %q is not a mode of this Rebound (%s); choose one with rebound settings --set-mode %s",
			set.Mode, known, cat.ModeIDs()[0])})
	}
	if modes, err := st.ModesInUse(); err == nil {
		for _, m := range slices.Sorted(maps.Keys(modes)) {
			if !cat.HasMode(m) {
				verb := "have"
				if modes[m] == 1 {
					verb = "has"
				}
				out = append(out, store.Problem{Kind: "nos", Detail: fmt.Sprintf(
					"%s %s the mode %q, which is not a mode of this Rebound (%s)", journal.CountNos(modes[m]), verb, m, known)})
			}
		}
	}
	if wins, err := st.Wins(); err == nil {
		bad := map[string]int{}
		for _, w := range wins {
			if w.Mode != "" && !cat.HasMode(w.Mode) {
				bad[w.Mode]++
			}
		}
		for _, m := range slices.Sorted(maps.Keys(bad)) {
			out = append(out, store.Problem{Kind: "wins", Detail: fmt.Sprintf(
				"%d win(s) with the mode %q, not a mode of this Rebound (%s)", bad[m], m, known)})
		}
	}
	return out
}
