package journalview

import (
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

// filterFields are the field:value words the filter reads as filters, as
// `rebound journal` has flags for them: "reason:price acme" lists Acme's
// No's whose reason is price. A value with spaces is quoted
// (who:"acme corp"). Any other word with a colon is text.
var filterFields = map[string]func(q *journal.Query, v string){
	"reason": func(q *journal.Query, v string) { q.Reason = strings.ToLower(v) },
	"kind": func(q *journal.Query, v string) {
		q.Kind = strings.ToLower(v)
		if k, err := journal.ParseKind(v); err == nil {
			q.Kind = string(k)
		}
	},
	"outcome": func(q *journal.Query, v string) {
		q.Outcome = strings.ToLower(v)
		if o, err := journal.ParseOutcome(v); err == nil {
			q.Outcome = string(o)
		}
	},
	"tag":  func(q *journal.Query, v string) { q.Tag = v },
	"who":  func(q *journal.Query, v string) { q.Who = v },
	"mode": func(q *journal.Query, v string) { q.Mode = strings.ToLower(v) },
}

// splitFields takes the field:value words out of a filter into q and
// returns the rest, the text. A field with no value yet ("reason:" while
// it is typed) filters nothing.
func splitFields(filter string, q *journal.Query) string {
	var rest []string
	for s := strings.TrimSpace(filter); s != ""; s = strings.TrimSpace(s) {
		word, after := cutWord(s)
		s = after
		name, value, ok := strings.Cut(word, ":")
		set := filterFields[strings.ToLower(name)]
		if !ok || set == nil {
			rest = append(rest, word)
			continue
		}
		if v := strings.Trim(value, `"`); v != "" {
			set(q, v)
		}
	}
	return strings.Join(rest, " ")
}

// cutWord is the first word of s (a quoted part may hold spaces) and what
// follows it.
func cutWord(s string) (word, rest string) {
	quoted := false
	for i, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ' ' && !quoted:
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

// NewFiltered is the journal screen opened on a filter (`rebound journal
// --reason price` on a terminal opens it on "reason:price").
func NewFiltered(ctx *common.Context, db Store, filter string) *Model {
	m := New(ctx, db)
	m.filter.SetValue(filter)
	return m
}
