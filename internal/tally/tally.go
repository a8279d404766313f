// Package tally keeps per-day aggregates of No's (counts by reason, kind,
// outcome, competitor...). The store updates a day's tally in the same
// transaction as every write, so insights and streaks read a few hundred
// small tallies instead of decoding every No.
package tally

import (
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Day is the aggregate of the No's dated on one day. Maps never hold zeros.
type Day struct {
	Nos      int `json:"nos"`
	Reframed int `json:"reframed,omitempty"`
	// Reasons, Kinds, Outcomes count No's by id ("" when unset is not counted).
	Reasons  map[string]int `json:"reasons,omitempty"`
	Kinds    map[string]int `json:"kinds,omitempty"`
	Outcomes map[string]int `json:"outcomes,omitempty"`
	// Assumed counts No's with an assumed reason; Mismatches keys "assumed>real".
	Assumed    int            `json:"assumed,omitempty"`
	AssumedBy  map[string]int `json:"assumed_by,omitempty"`
	Mismatches map[string]int `json:"mismatches,omitempty"`
	// NoReasonText counts No's whose real reason was never asked (reason_text empty).
	NoReasonText int `json:"no_reason_text,omitempty"`
	// Competitors by display name; CompetitorWhys[name][why] counts the reasons given.
	Competitors    map[string]int            `json:"competitors,omitempty"`
	CompetitorWhys map[string]map[string]int `json:"competitor_whys,omitempty"`
	// Turned counts maybe/yes outcomes overall ("all") and by "reason:<id>" / "kind:<id>".
	Turned map[string]int `json:"turned,omitempty"`
	// YesDays maps days-from-No-to-yes to a count, overall ("") and by "reason:<id>"/"kind:<id>".
	YesDays map[string]map[int]int `json:"yes_days,omitempty"`
	// Feeling sums and counts (1-5 scale) before and after reframing.
	FeelingSum      int            `json:"feeling_sum,omitempty"`
	FeelingN        int            `json:"feeling_n,omitempty"`
	FeelingAfterSum int            `json:"feeling_after_sum,omitempty"`
	FeelingAfterN   int            `json:"feeling_after_n,omitempty"`
	Tags            map[string]int `json:"tags,omitempty"`
	// FollowUpsOpen counts No's with a follow-up date not yet done.
	FollowUpsOpen int `json:"follow_ups_open,omitempty"`
}

// Add counts n into d with sign +1 (a No written) or -1 (the old version removed).
func (d *Day) Add(n *journal.No, sign int) {
	d.Nos += sign
	if n.Reframed() {
		d.Reframed += sign
	}
	bump(&d.Reasons, n.Reason, sign)
	bump(&d.Kinds, string(n.Kind), sign)
	bump(&d.Outcomes, string(n.Outcome), sign)
	if n.Assumed != "" {
		d.Assumed += sign
		bump(&d.AssumedBy, n.Assumed, sign)
		if n.Reason != "" && n.Reason != n.Assumed {
			bump(&d.Mismatches, n.Assumed+">"+n.Reason, sign)
		}
	}
	if strings.TrimSpace(n.ReasonText) == "" {
		d.NoReasonText += sign
	}
	if c := CompetitorName(n.Competitor); c != "" {
		bump(&d.Competitors, c, sign)
		if why := strings.TrimSpace(n.CompetitorWhy); why != "" {
			if d.CompetitorWhys == nil {
				d.CompetitorWhys = map[string]map[string]int{}
			}
			m := d.CompetitorWhys[c]
			bump(&m, why, sign)
			if len(m) == 0 {
				delete(d.CompetitorWhys, c)
			} else {
				d.CompetitorWhys[c] = m
			}
			if len(d.CompetitorWhys) == 0 {
				d.CompetitorWhys = nil
			}
		}
	}
	if n.Outcome == journal.OutcomeMaybe || n.Outcome == journal.OutcomeYes {
		if n.Reason != "" {
			bump(&d.Turned, "reason:"+n.Reason, sign)
		}
		if n.Kind != "" {
			bump(&d.Turned, "kind:"+string(n.Kind), sign)
		}
		bump(&d.Turned, "all", sign)
	}
	if yes := n.YesAt(); !yes.IsZero() {
		// UTC, not Local: the -1 of a later edit must cancel the +1 exactly
		// even if TZ changed in between.
		days := max(0, n.Date.DaysUntil(journal.DayOf(yes.UTC())))
		d.addYesDays("", days, sign)
		if n.Reason != "" {
			d.addYesDays("reason:"+n.Reason, days, sign)
		}
		if n.Kind != "" {
			d.addYesDays("kind:"+string(n.Kind), days, sign)
		}
	}
	if n.Feeling > 0 {
		d.FeelingSum += sign * n.Feeling
		d.FeelingN += sign
	}
	if n.FeelingAfter > 0 {
		d.FeelingAfterSum += sign * n.FeelingAfter
		d.FeelingAfterN += sign
	}
	for _, t := range n.Tags {
		bump(&d.Tags, strings.ToLower(t), sign)
	}
	if !n.FollowUp.IsZero() && !n.FollowUpDone {
		d.FollowUpsOpen += sign
	}
}

func (d *Day) addYesDays(key string, days, sign int) {
	if d.YesDays == nil {
		d.YesDays = map[string]map[int]int{}
	}
	m := d.YesDays[key]
	if m == nil {
		m = map[int]int{}
	}
	m[days] += sign
	if m[days] == 0 {
		delete(m, days)
	}
	if len(m) == 0 {
		delete(d.YesDays, key)
	} else {
		d.YesDays[key] = m
	}
	if len(d.YesDays) == 0 {
		d.YesDays = nil
	}
}

// Merge adds o into d (for summing a period).
func (d *Day) Merge(o *Day) {
	d.Nos += o.Nos
	d.Reframed += o.Reframed
	mergeMap(&d.Reasons, o.Reasons)
	mergeMap(&d.Kinds, o.Kinds)
	mergeMap(&d.Outcomes, o.Outcomes)
	d.Assumed += o.Assumed
	mergeMap(&d.AssumedBy, o.AssumedBy)
	mergeMap(&d.Mismatches, o.Mismatches)
	d.NoReasonText += o.NoReasonText
	mergeMap(&d.Competitors, o.Competitors)
	for c, whys := range o.CompetitorWhys {
		if d.CompetitorWhys == nil {
			d.CompetitorWhys = map[string]map[string]int{}
		}
		m := d.CompetitorWhys[c]
		mergeMap(&m, whys)
		d.CompetitorWhys[c] = m
	}
	mergeMap(&d.Turned, o.Turned)
	for k, days := range o.YesDays {
		for n, c := range days {
			d.addYesDays(k, n, c)
		}
	}
	d.FeelingSum += o.FeelingSum
	d.FeelingN += o.FeelingN
	d.FeelingAfterSum += o.FeelingAfterSum
	d.FeelingAfterN += o.FeelingAfterN
	mergeMap(&d.Tags, o.Tags)
	d.FollowUpsOpen += o.FollowUpsOpen
}

// Empty reports whether no No is counted.
func (d *Day) Empty() bool { return d.Nos == 0 }

// CompetitorName normalises a competitor for grouping: trimmed, inner space
// collapsed; case is kept from the first spelling via the caller.
func CompetitorName(s string) string { return strings.Join(strings.Fields(s), " ") }

func bump(m *map[string]int, k string, sign int) {
	if k == "" {
		return
	}
	if *m == nil {
		*m = map[string]int{}
	}
	(*m)[k] += sign
	if (*m)[k] == 0 {
		delete(*m, k)
	}
	if len(*m) == 0 {
		*m = nil
	}
}

func mergeMap(dst *map[string]int, src map[string]int) {
	for k, v := range src {
		bump(dst, k, v)
	}
}
