package insights

import (
	"errors"
	"fmt"
	"strings"
	"text/template"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Metrics are the rule metrics Compute understands (see coach.Rule).
var Metrics = []string{"reason_share", "kind_share", "tag_share", "competitor_top", "no_reason_text"}

// RuleData is what a rule's Text and Because templates see.
type RuleData struct {
	Count, Total int
	Percent      int // Count/Total as a rounded whole percent
	// Name is the label of the most frequent key (reason, kind or tag), the
	// top competitor, or for no_reason_text the mode's word for who said no.
	Name string
}

// evaluate returns the suggestion when rule fires on t. A rule whose metric
// is unknown or whose templates fail never fires; CheckMode reports it.
func evaluate(rule coach.Rule, t *tally.Day, comps []Competitor, l labels) (Suggestion, bool) {
	count, name, ok := measure(rule, t, comps, l)
	if !ok || count <= 0 || t.Nos <= 0 {
		return Suggestion{}, false
	}
	share := ratio(count, t.Nos)
	if share < rule.MinShare || count < rule.MinCount {
		return Suggestion{}, false
	}
	data := RuleData{Count: count, Total: t.Nos, Percent: Percent(share), Name: name}
	text, err1 := render(rule.ID+".text", rule.Text, data)
	because, err2 := render(rule.ID+".because", rule.Because, data)
	if err1 != nil || err2 != nil {
		return Suggestion{}, false
	}
	return Suggestion{ID: rule.ID, Text: text, Because: because}, true
}

// measure is the rule's count of No's and the name it is about.
func measure(rule coach.Rule, t *tally.Day, comps []Competitor, l labels) (count int, name string, ok bool) {
	switch rule.Metric {
	case "reason_share":
		count, name = sumKeys(t.Reasons, rule.Keys, false)
		return count, l.reason(name), true
	case "kind_share":
		count, name = sumKeys(t.Kinds, rule.Keys, false)
		return count, l.kind(name), true
	case "tag_share":
		// Tallies count tags, not No's: a No with two matching tags counts
		// twice, so the sum is capped at the number of No's.
		count, name = sumKeys(t.Tags, rule.Keys, true)
		return min(count, t.Nos), name, true
	case "competitor_top":
		if len(comps) == 0 {
			return 0, "", true
		}
		return comps[0].Count, comps[0].Name, true
	case "no_reason_text":
		if l.mode != nil {
			name = l.mode.Words.Who
		}
		return t.NoReasonText, name, true
	}
	return 0, "", false
}

// sumKeys adds the counts of keys in m and names the most frequent key (the
// first listed on a tie). Tags are stored lower-case, so fold says to match so.
func sumKeys(m map[string]int, keys []string, fold bool) (sum int, top string) {
	best := 0
	seen := map[string]bool{}
	for _, k := range keys {
		if fold {
			k = strings.ToLower(k)
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		n := m[k]
		sum += n
		if top == "" || n > best {
			top, best = k, n
		}
	}
	return sum, top
}

func render(name, text string, data RuleData) (string, error) {
	tpl, err := template.New(name).Option("missingkey=error").Parse(text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := tpl.Execute(&b, data); err != nil {
		return "", err
	}
	return strings.TrimSpace(b.String()), nil
}

// CheckMode reports rules that could never be shown: an unknown metric, no
// keys where keys are needed, or a template that fails. For tests and doctor.
func CheckMode(m *coach.Mode) error {
	if m == nil {
		return nil
	}
	var errs []error
	sample := RuleData{Count: 3, Total: 10, Percent: 30, Name: "sample"}
	for _, r := range m.Suggestions {
		switch r.Metric {
		case "reason_share", "kind_share", "tag_share":
			if len(r.Keys) == 0 {
				errs = append(errs, fmt.Errorf("mode %s: rule %s (%s) has no keys", m.ID, r.ID, r.Metric))
			}
		case "competitor_top", "no_reason_text":
		default:
			errs = append(errs, fmt.Errorf("mode %s: rule %s has unknown metric %q; use one of: %s", m.ID, r.ID, r.Metric, strings.Join(Metrics, ", ")))
		}
		if r.MinShare < 0 || r.MinShare > 1 {
			errs = append(errs, fmt.Errorf("mode %s: rule %s: min_share %v is not between 0 and 1", m.ID, r.ID, r.MinShare))
		}
		for field, text := range map[string]string{"text": r.Text, "because": r.Because} {
			if strings.TrimSpace(text) == "" {
				errs = append(errs, fmt.Errorf("mode %s: rule %s has an empty %s", m.ID, r.ID, field))
				continue
			}
			if _, err := render(r.ID+"."+field, text, sample); err != nil {
				errs = append(errs, fmt.Errorf("mode %s: rule %s %s: %w", m.ID, r.ID, field, err))
			}
		}
	}
	return errors.Join(errs...)
}
