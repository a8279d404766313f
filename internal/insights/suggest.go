package insights

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// Metrics are the rule metrics Compute understands (see coach.Rule).
var Metrics = []string{"reason_share", "kind_share", "tag_share", "competitor_top", "guessed_reason"}

// RuleData is what a rule's Text and Because templates see.
type RuleData struct {
	Count, Total int
	Percent      int // Count/Total as a rounded whole percent
	// Name is the label of the most frequent key (reason, kind or tag), the
	// top competitor, or for guessed_reason the mode's word for who said no.
	Name string
}

// ruleEnv is what every rule of one report is evaluated against.
type ruleEnv struct {
	cur, prev *tally.Day
	// prevOK is set when a previous period exists (not for "all").
	prevOK bool
	period Period
	comps  []Competitor
	l      labels
	// tests is how many of the mode's rules compare with chance; each
	// tests at Alpha/tests so that, together, noise fires one of them in
	// at most about Alpha of journals.
	tests int
}

// chanceTested reports whether a metric is compared with chance: reasons
// against the mode's reasons spread evenly, kinds against the five kinds.
func chanceTested(metric string) bool { return metric == "reason_share" || metric == "kind_share" }

// evaluate returns the suggestion when rule fires. A rule whose metric is
// unknown or whose templates fail never fires; CheckMode reports it.
//
// Reason and kind rules fire only when their count stands out from chance:
// with the period's No's that have a reason (kind) of the mode, spread
// evenly over the mode's n reasons (the five kinds), the rule's k keys
// would hold k/n of them; a one-sided exact binomial test must put the
// count observed below Alpha/tests, on at least MinRuleNos No's. The
// rule's min_share and min_count still apply on top, as floors.
func evaluate(rule coach.Rule, e ruleEnv) (Suggestion, bool) {
	t := e.cur
	count, name, ok := measure(rule, t, e.comps, e.l)
	if !ok || count <= 0 || t.Nos <= 0 {
		return Suggestion{}, false
	}
	share := ratio(count, t.Nos)
	if share < rule.MinShare || count < rule.MinCount {
		return Suggestion{}, false
	}
	s := Suggestion{ID: rule.ID, Count: count, Total: t.Nos, Share: share}
	if chanceTested(rule.Metric) {
		base, even := chanceBase(rule, t, e.l)
		if count < MinRuleNos || base <= 0 || even <= 0 {
			return Suggestion{}, false
		}
		s.P = UpperTail(count, base, even)
		if s.P >= Alpha/float64(max(e.tests, 1)) {
			return Suggestion{}, false
		}
		// Chance is said over all the period's No's, like the share: those
		// without a reason (kind) hold none of the rule's keys either.
		c := even * float64(base) / float64(t.Nos)
		s.Chance = &c
		if e.prevOK && e.prev.Nos >= MinForPatterns {
			pc, _, _ := measure(rule, e.prev, nil, e.l)
			ps := ratio(pc, e.prev.Nos)
			s.Prev = &ps
		}
	}
	data := RuleData{Count: count, Total: t.Nos, Percent: Percent(share), Name: name}
	text, err1 := render(rule.ID+".text", rule.Text, data)
	because, err2 := render(rule.ID+".because", rule.Because, data)
	if err1 != nil || err2 != nil {
		return Suggestion{}, false
	}
	s.Text, s.Because = text, because+s.against(rule.Metric, e.period)
	return s, true
}

// against says what chance would give and the previous period's share:
// " — 17% if reasons were spread evenly; 21% the 30 days before".
func (s Suggestion) against(metric string, p Period) string {
	if s.Chance == nil {
		return ""
	}
	what := "reasons"
	if metric == "kind_share" {
		what = "kinds of no"
	}
	out := fmt.Sprintf(" — %d%% if %s were spread evenly", Percent(*s.Chance), what)
	if s.Prev != nil {
		out += fmt.Sprintf("; %d%% the %d days before", Percent(*s.Prev), p.Days)
	}
	return out
}

// chanceBase is how many of the period's No's the test counts over (those
// with a reason of the mode, or with a kind) and the share the rule's keys
// would hold if those were spread evenly (k of the mode's n reasons; k of
// the five kinds). Keys foreign to the mode count for nothing.
func chanceBase(rule coach.Rule, t *tally.Day, l labels) (base int, even float64) {
	var ids []string
	switch rule.Metric {
	case "reason_share":
		if l.mode == nil {
			return 0, 0
		}
		for _, r := range l.mode.Reasons {
			ids = append(ids, r.ID)
		}
		for _, id := range ids {
			base += t.Reasons[id]
		}
	case "kind_share":
		for _, k := range journal.Kinds {
			ids = append(ids, string(k))
		}
		for _, id := range ids {
			base += t.Kinds[id]
		}
	}
	k := 0
	for _, id := range ids {
		if slices.Contains(rule.Keys, id) {
			k++
		}
	}
	return base, float64(k) / float64(len(ids))
}

// measure is the rule's count of No's and the name it is about. Reason and
// kind keys count only when the mode has them, so that chance, which is
// over the mode's own reasons, is measured on the same ground.
func measure(rule coach.Rule, t *tally.Day, comps []Competitor, l labels) (count int, name string, ok bool) {
	switch rule.Metric {
	case "reason_share":
		count, name = sumKeys(t.Reasons, l.ownReasons(rule.Keys), false)
		return count, l.reason(name), true
	case "kind_share":
		count, name = sumKeys(t.Kinds, ownKinds(rule.Keys), false)
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
	case "guessed_reason":
		if l.mode != nil {
			name = l.mode.Words.Who
		}
		return t.Guessed, name, true
	}
	return 0, "", false
}

// ownReasons keeps the keys that are reasons of the mode (all of them
// without a mode).
func (l labels) ownReasons(keys []string) []string {
	if l.mode == nil {
		return keys
	}
	return slices.DeleteFunc(slices.Clone(keys), func(k string) bool {
		return !slices.ContainsFunc(l.mode.Reasons, func(r coach.Reason) bool { return r.ID == k })
	})
}

// ownKinds keeps the keys that are kinds of no.
func ownKinds(keys []string) []string {
	return slices.DeleteFunc(slices.Clone(keys), func(k string) bool {
		return !slices.Contains(journal.Kinds, journal.Kind(k))
	})
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
		case "competitor_top", "guessed_reason":
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
