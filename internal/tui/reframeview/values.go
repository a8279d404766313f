package reframeview

import (
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/rebound-coach/rebound/internal/dates"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/textsafe"
)

// values are what the flow edits. They live on the heap so huh's Value
// pointers survive model copies, and a rebuilt form keeps every word.
type values struct {
	Said    string
	Feeling int

	Assumed    string
	ReasonText string
	Reason     string

	Kind string

	Change string

	Competitor    string
	CompetitorWhy string

	Lesson       string
	Next         string
	FollowUp     string
	FeelingAfter int

	// The thought record and the referral ask.
	Thought         string
	Traps           []string
	EvidenceFor     string
	EvidenceAgainst string
	Balanced        string
	ReferralAsked   bool
	Referral        string
}

// same reports whether v and o hold the same answers.
func (v values) same(o values) bool {
	a, b := v, o
	a.Traps, b.Traps = nil, nil
	// An emptied list and no list are the same answer.
	return reflect.DeepEqual(a, b) && slices.Equal(v.Traps, o.Traps)
}

// valuesOf fills the form from a No. Stored text may hold escape sequences
// or control characters, so it is made inert before it reaches a field.
func valuesOf(n journal.No) values {
	return values{
		Said:          textsafe.Block(n.Said),
		Feeling:       n.Feeling,
		Assumed:       n.Assumed,
		ReasonText:    textsafe.Inline(n.ReasonText),
		Reason:        n.Reason,
		Kind:          string(n.Kind),
		Change:        textsafe.Inline(n.Change),
		Competitor:    textsafe.Inline(n.Competitor),
		CompetitorWhy: textsafe.Inline(n.CompetitorWhy),
		Lesson:        textsafe.Block(n.Lesson),
		Next:          textsafe.Inline(n.Next),
		FollowUp:      string(n.FollowUp),
		FeelingAfter:  n.FeelingAfter,

		Thought:         textsafe.Block(n.Thought),
		Traps:           slices.Clone(n.Traps),
		EvidenceFor:     textsafe.Inline(n.EvidenceFor),
		EvidenceAgainst: textsafe.Inline(n.EvidenceAgainst),
		Balanced:        textsafe.Inline(n.Balanced),
		ReferralAsked:   n.ReferralAsked,
		Referral:        textsafe.Inline(n.Referral),
	}
}

// applyTo writes into n every field the user changed since orig (what the
// form was filled with). Untouched fields keep their stored text exactly,
// and a change made elsewhere to a field the flow did not touch survives.
func (v values) applyTo(n *journal.No, orig values, now time.Time) error {
	text := func(dst *string, cur, was string) {
		if cur != was {
			*dst = strings.TrimSpace(cur)
		}
	}
	text(&n.Said, v.Said, orig.Said)
	text(&n.Assumed, v.Assumed, orig.Assumed)
	text(&n.ReasonText, v.ReasonText, orig.ReasonText)
	text(&n.Reason, v.Reason, orig.Reason)
	text(&n.Change, v.Change, orig.Change)
	text(&n.Competitor, v.Competitor, orig.Competitor)
	text(&n.CompetitorWhy, v.CompetitorWhy, orig.CompetitorWhy)
	text(&n.Lesson, v.Lesson, orig.Lesson)
	text(&n.Next, v.Next, orig.Next)
	text(&n.Thought, v.Thought, orig.Thought)
	text(&n.EvidenceFor, v.EvidenceFor, orig.EvidenceFor)
	text(&n.EvidenceAgainst, v.EvidenceAgainst, orig.EvidenceAgainst)
	text(&n.Balanced, v.Balanced, orig.Balanced)
	text(&n.Referral, v.Referral, orig.Referral)
	if !slices.Equal(v.Traps, orig.Traps) {
		n.Traps = slices.Clone(v.Traps)
		if len(n.Traps) == 0 {
			n.Traps = nil
		}
	}
	if v.ReferralAsked != orig.ReferralAsked {
		n.ReferralAsked = v.ReferralAsked
	}
	if v.Referral != orig.Referral && strings.TrimSpace(v.Referral) != "" {
		// Someone they pointed to: the ask was made.
		n.ReferralAsked = true
	}
	if v.Kind != orig.Kind {
		n.Kind = journal.Kind(v.Kind)
	}
	if v.Feeling != orig.Feeling {
		n.Feeling = v.Feeling
	}
	if v.FeelingAfter != orig.FeelingAfter {
		n.FeelingAfter = v.FeelingAfter
	}
	if v.FollowUp != orig.FollowUp {
		d, err := parseFollowUp(v.FollowUp, now)
		if err != nil {
			return err
		}
		if d != n.FollowUp {
			n.FollowUp = d
			n.FollowUpDone = false
		}
	}
	return nil
}

// parseFollowUp reads the follow-up field; empty (or "none", or "-", which
// accessible mode needs: there an empty answer keeps the current date)
// means no follow-up.
func parseFollowUp(s string, now time.Time) (journal.Day, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" || strings.EqualFold(s, "none") {
		return "", nil
	}
	return dates.Parse(s, now)
}

// missing names what the No still needs to count as reframed.
func missing(n journal.No) []string {
	var out []string
	if strings.TrimSpace(n.Reason) == "" {
		out = append(out, "the real reason")
	}
	if strings.TrimSpace(n.Change) == "" {
		out = append(out, "the turnaround answer")
	}
	if strings.TrimSpace(n.Lesson) == "" {
		out = append(out, "the lesson")
	}
	return out
}

// joinWords joins with commas and a final "and".
func joinWords(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}
