package journalview

import (
	"slices"
	"strings"
	"unicode"

	"github.com/rebound-coach/rebound/internal/journal"
)

// outcomeWords is the outcome as the OUTCOME column shows it. The filter
// matches these words, so whatever the column says can be typed to find it.
func outcomeWords(o journal.Outcome) string { return o.Words() }

// outcomeAliases are other names people give an outcome: a closed No is
// one they let go (the README's words for it).
var outcomeAliases = map[journal.Outcome][]string{
	journal.OutcomeClosed: {"let go"},
}

// filterWords splits a filter into lower-case words, as the search does.
func filterWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// splitOutcome finds the words of an outcome in a filter ("acme let go",
// "following up"): those words select the outcome and the rest is the text
// to search. Whole words only, so typing "foll" still searches the text.
func splitOutcome(filter string) (string, journal.Outcome) {
	ws := filterWords(filter)
	for _, o := range journal.Outcomes {
		names := append([]string{outcomeWords(o), string(o)}, outcomeAliases[o]...)
		for _, name := range names {
			p := filterWords(name)
			for i := 0; len(p) > 0 && i+len(p) <= len(ws); i++ {
				if slices.Equal(ws[i:i+len(p)], p) {
					rest := slices.Concat(ws[:i], ws[i+len(p):])
					return strings.Join(rest, " "), o
				}
			}
		}
	}
	return strings.TrimSpace(filter), ""
}
