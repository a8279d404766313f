package followup

import (
	"fmt"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
)

// OddsLine says how often No's of a kind turned around, as a count of
// what happened ("not now: 5 of 23 turned around"), never a forecast;
// "" below journal.MinOddsNos No's of the kind. label is the kind's name
// in the mode's words.
func OddsLine(label string, o journal.Odds) string {
	if !o.Enough() {
		return ""
	}
	return fmt.Sprintf("%s: %d of %d turned around", strings.ToLower(label), o.Turned, o.Total)
}

// OddsBook finds the odds of follow-ups by their No's mode and kind,
// reading each mode's counts once (read: the store's KindOdds).
type OddsBook struct {
	read   func(mode string) (map[journal.Kind]journal.Odds, error)
	byMode map[string]map[journal.Kind]journal.Odds
}

// NewOddsBook reads each mode's odds with read, when first asked.
func NewOddsBook(read func(mode string) (map[journal.Kind]journal.Odds, error)) *OddsBook {
	return &OddsBook{read: read, byMode: map[string]map[journal.Kind]journal.Odds{}}
}

// Of is the odds of a No of mode and kind, and whether they may be shown
// (a kind, and at least journal.MinOddsNos No's of it in the mode).
func (b *OddsBook) Of(mode string, kind journal.Kind) (journal.Odds, bool, error) {
	if kind == "" || mode == "" {
		return journal.Odds{}, false, nil
	}
	m, ok := b.byMode[mode]
	if !ok {
		var err error
		if m, err = b.read(mode); err != nil {
			return journal.Odds{}, false, err
		}
		b.byMode[mode] = m
	}
	o := m[kind]
	return o, o.Enough(), nil
}
