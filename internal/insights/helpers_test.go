package insights

import (
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

// today is a Sunday, so its week started on Monday 2026-11-16.
const today journal.Day = "2026-11-22"

// opt edits a test No.
type opt func(*journal.No)

func reason(id string) opt    { return func(n *journal.No) { n.Reason = id } }
func assumed(id string) opt   { return func(n *journal.No) { n.Assumed = id } }
func kind(k journal.Kind) opt { return func(n *journal.No) { n.Kind = k } }
func reasonText(s string) opt { return func(n *journal.No) { n.ReasonText = s } }
func tags(t ...string) opt    { return func(n *journal.No) { n.Tags = t } }
func feel(before, after int) opt {
	return func(n *journal.No) { n.Feeling, n.FeelingAfter = before, after }
}
func competitor(name, why string) opt {
	return func(n *journal.No) { n.Competitor, n.CompetitorWhy = name, why }
}
func reframed() opt {
	return func(n *journal.No) { n.Reason, n.Change, n.Lesson = or(n.Reason, "other"), "a change", "a lesson" }
}
func maybe() opt {
	return func(n *journal.No) { n.SetOutcome(journal.OutcomeMaybe, n.Date.Time(time.UTC).Add(time.Hour)) }
}

// closedAfter lets the No go d days after its date.
func closedAfter(d int) opt {
	return func(n *journal.No) {
		n.SetOutcome(journal.OutcomeClosed, n.Date.AddDays(d).Time(time.UTC).Add(12*time.Hour))
	}
}

// yesAfter turns the No into a yes d days after its date.
func yesAfter(d int) opt {
	return func(n *journal.No) {
		n.SetOutcome(journal.OutcomeYes, n.Date.AddDays(d).Time(time.UTC).Add(10*time.Hour))
	}
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ago is a No dated d days before today, with a reason text unless told otherwise.
func ago(d int, opts ...opt) journal.No {
	n := journal.No{Date: today.AddDays(-d), Who: "Acme", Mode: "sales", ReasonText: "they said so"}
	n.SetOutcome(journal.OutcomeOpen, n.Date.Time(time.UTC))
	for _, o := range opts {
		o(&n)
	}
	return n
}

// repeat makes k copies of a No.
func repeat(k int, n journal.No) []journal.No {
	out := make([]journal.No, k)
	for i := range out {
		out[i] = n
	}
	return out
}

func join(parts ...[]journal.No) []journal.No {
	var out []journal.No
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func testMode(rules ...coach.Rule) *coach.Mode {
	return &coach.Mode{
		ID:    "sales",
		Words: coach.Words{Who: "prospect"},
		Reasons: []coach.Reason{
			{ID: "price", Label: "Price"}, {ID: "budget", Label: "Budget"}, {ID: "timing", Label: "Timing"},
			{ID: "competitor", Label: "Chose a competitor"}, {ID: "other", Label: "Other"},
		},
		Kinds: []coach.KindInfo{
			{Kind: journal.KindNotNow, Label: "Not now"}, {Kind: journal.KindNotThis, Label: "Not this"},
			{Kind: journal.KindNotYou, Label: "Not you"}, {Kind: journal.KindFinal, Label: "Final"},
		},
		Suggestions: rules,
	}
}

func compute(p string, nos []journal.No, mode *coach.Mode) Report {
	per, err := ParsePeriod(p)
	if err != nil {
		panic(err)
	}
	return Compute(Input{Period: per, Today: today, Days: Recompute(nos), Mode: mode})
}

func fp(f float64) *float64 { return &f }
