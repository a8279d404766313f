package store

import (
	"strconv"

	"github.com/rebound-coach/rebound/internal/journal"
)

// appendNoDisk appends n's stored value (valueV2 and the JSON of noDisk)
// byte for byte as encodeNo's encoding/json writes it, about four times
// faster and without its garbage: every write of a No goes through here,
// and an import or a rebuild writes a million. ok is false for a No it
// cannot write exactly so (see appendNoJSON); encodeNo then uses
// encoding/json.
func appendNoDisk(dst []byte, n *journal.No) (_ []byte, ok bool) {
	if !fastJSON() {
		return dst, false
	}
	e := noEncoder{b: append(dst, valueV2, '{'), compact: true, ok: true}
	e.field("date")
	e.str(string(n.Date))
	e.field("created_at")
	e.time(n.CreatedAt)
	e.field("updated_at")
	e.time(n.UpdatedAt)
	e.opt("mode", n.Mode)
	e.field("who")
	e.str(n.Who)
	e.opt("contact", n.Contact)
	e.opt("offer", n.Offer)
	e.opt("channel", n.Channel)
	e.opt("said", n.Said)
	e.opt("reason", n.Reason)
	e.opt("reason_text", n.ReasonText)
	e.opt("assumed", n.Assumed)
	e.opt("kind", string(n.Kind))
	e.opt("change", n.Change)
	e.opt("competitor", n.Competitor)
	e.opt("competitor_why", n.CompetitorWhy)
	e.optInt("feeling", n.Feeling)
	e.optInt("feeling_after", n.FeelingAfter)
	e.opt("lesson", n.Lesson)
	e.opt("next", n.Next)
	e.opt("follow_up", string(n.FollowUp))
	e.optTrue("follow_up_done", n.FollowUpDone)
	e.opt("outcome", string(n.Outcome))
	if len(n.OutcomeHistory) > 0 {
		e.field("outcome_history")
		e.b = append(e.b, '[')
		for i, c := range n.OutcomeHistory {
			e.item(i)
			e.b = append(e.b, '{')
			e.inner("outcome", true)
			e.str(string(c.Outcome))
			e.inner("at", false)
			e.time(c.At)
			e.close('}', 2)
		}
		e.close(']', 1)
	}
	e.list("tags", n.Tags)
	if len(n.Debrief) > 0 {
		e.field("debrief")
		e.b = append(e.b, '[')
		for i, a := range n.Debrief {
			e.item(i)
			e.b = append(e.b, '{')
			e.inner("prompt", true)
			e.str(a.Prompt)
			e.inner("answer", false)
			e.str(a.Answer)
			e.close('}', 2)
		}
		e.close(']', 1)
	}
	e.optInt("reframe_step", n.ReframeStep)
	if n.ReframedAt != nil {
		e.field("reframed_at")
		e.time(*n.ReframedAt)
	}
	e.opt("thought", n.Thought)
	e.list("traps", n.Traps)
	e.opt("evidence_for", n.EvidenceFor)
	e.opt("evidence_against", n.EvidenceAgainst)
	e.opt("balanced", n.Balanced)
	e.optTrue("referral_asked", n.ReferralAsked)
	e.opt("referral", n.Referral)
	e.opt("stage", n.Stage)
	e.opt("prepared", n.Prepared)
	e.opt("mistake", n.Mistake)
	e.list("secondary_reasons", n.SecondaryReasons)
	e.optTrue("condition_met", n.ConditionMet)
	if n.Amount != 0 {
		e.field("amount")
		e.b = appendFloatJSON(e.b, n.Amount)
	}
	e.opt("source", n.Source)
	e.close('}', 0)
	return e.b, e.ok
}

// optTrue writes a bool left out when false (omitempty).
func (e *noEncoder) optTrue(name string, v bool) {
	if v {
		e.field(name)
		e.b = strconv.AppendBool(e.b, true)
	}
}
