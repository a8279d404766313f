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
	e.middle(n)
	e.optTrue("follow_up_done", n.FollowUpDone)
	e.opt("outcome", string(n.Outcome))
	if len(n.OutcomeHistory) > 0 {
		e.field("outcome_history")
		e.history(n.OutcomeHistory)
	}
	e.tail(n)
	return e.b, e.ok
}

// optTrue writes a bool left out when false (omitempty).
func (e *noEncoder) optTrue(name string, v bool) {
	if v {
		e.field(name)
		e.b = strconv.AppendBool(e.b, true)
	}
}
