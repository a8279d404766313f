package store

import (
	"strings"
	"unicode/utf8"

	"github.com/rebound-coach/rebound/internal/journal"
)

// SameWho reports whether two names are the same prospect: trimmed, inner
// spaces collapsed, case ignored ("acme  corp" is "Acme Corp").
func SameWho(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// NosByWho lists the No's from one prospect (matched with SameWho), newest
// first. It goes through the words index (ListNos with the name as the
// text), so it costs what the name's words match; a name with no indexable
// word (single letters, only emoji or punctuation) falls back to reading
// every No — fine for a personal journal, noted for the performance pass.
func (s *Store) NosByWho(name string) ([]journal.No, error) {
	if strings.TrimSpace(name) == "" {
		return nil, journal.Invalid("the name is empty: say whose history to show")
	}
	// Only indexed words (two runes or more) may narrow the search: "X"
	// or the "b" in "Plan B" are not in the index.
	var ws []string
	for _, w := range words(name) {
		if utf8.RuneCountInString(w) >= 2 {
			ws = append(ws, w)
		}
	}
	nos, _, err := s.ListNos(Query{Text: strings.Join(ws, " ")})
	if err != nil {
		return nil, err
	}
	out := nos[:0]
	for _, n := range nos {
		if SameWho(n.Who, name) {
			out = append(out, n)
		}
	}
	return out, nil
}

// WinsByWho lists the wins logged for one prospect, in the order logged.
func (s *Store) WinsByWho(name string) ([]journal.Win, error) {
	wins, err := s.Wins()
	if err != nil {
		return nil, err
	}
	out := wins[:0]
	for _, w := range wins {
		if SameWho(w.Who, name) {
			out = append(out, w)
		}
	}
	return out, nil
}
