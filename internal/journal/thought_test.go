package journal

import (
	"slices"
	"strings"
	"testing"
)

// Merge takes the new fields field by field: a list changed on one side
// only, a bool, and a prose field changed on both sides (a conflict that
// can keep both).
func TestMergeThoughtRecord(t *testing.T) {
	base := No{ID: 1, Who: "Acme", Thought: "They hate us", Traps: []string{"mind-reading"}}
	mine, theirs := base, base
	mine.Traps = []string{"mind-reading", "labelling"}
	mine.Balanced = "One buyer, one quarter"
	theirs.ReferralAsked, theirs.Referral = true, "Dana"
	theirs.SecondaryReasons = []string{"budget"}
	out, conflicts := Merge(base, mine, theirs)
	if len(conflicts) != 0 {
		t.Fatalf("conflicts %+v", conflicts)
	}
	if !slices.Equal(out.Traps, mine.Traps) || out.Balanced != mine.Balanced || !out.ReferralAsked || out.Referral != "Dana" ||
		!slices.Equal(out.SecondaryReasons, []string{"budget"}) {
		t.Fatalf("merged %+v", out)
	}
	mine.Thought, theirs.Thought = "They'll never come back", "They chose the cheaper plan"
	mine.Traps, theirs.Traps = []string{"fortune-telling"}, []string{"catastrophising"}
	_, conflicts = Merge(base, mine, theirs)
	var fields []string
	for _, c := range conflicts {
		fields = append(fields, c.Field)
		if c.Field == "thought" && !c.Text || c.Field == "traps" && (c.Text || c.Mine != "fortune-telling") {
			t.Errorf("conflict %+v", c)
		}
	}
	if !slices.Equal(fields, []string{"thought", "traps"}) {
		t.Fatalf("conflicts on %v, want thought and traps", fields)
	}
	n := mine
	if err := Resolve(&n, conflicts[0], theirs, "both"); err != nil || n.Thought != "They chose the cheaper plan\nThey'll never come back" {
		t.Fatalf("keep both: %v %q", err, n.Thought)
	}
}

func TestIntentionKept(t *testing.T) {
	for in, want := range map[string]IntentionKept{"yes": KeptYes, " Partly": KeptPartly, "not yet": KeptNotYet, "not-yet": KeptNotYet} {
		if got, err := ParseIntentionKept(in); err != nil || got != want {
			t.Errorf("ParseIntentionKept(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseIntentionKept("maybe"); !IsValidation(err) || !strings.Contains(err.Error(), "yes, partly, not-yet") {
		t.Errorf("maybe: %v", err)
	}
	r := Reflection{Date: "2026-11-20", Win: "a", IntentionKept: KeptNotYet}
	r.Merge(Reflection{Date: "2026-11-20", Win: "b"})
	if r.IntentionKept != KeptNotYet {
		t.Errorf("a later session without an answer dropped it: %q", r.IntentionKept)
	}
	r.Merge(Reflection{Date: "2026-11-20", IntentionKept: KeptPartly})
	if r.IntentionKept != KeptPartly {
		t.Errorf("the later answer = %q, want partly", r.IntentionKept)
	}
	r.IntentionKept = "maybe"
	if err := r.CheckLimits(); !IsValidation(err) {
		t.Errorf("CheckLimits with intention_kept maybe: %v", err)
	}
}

// The limits apply to the new fields: size, list length, ids.
func TestThoughtRecordLimits(t *testing.T) {
	base := No{Who: "Acme", Date: "2026-11-20"}
	for _, tt := range []struct {
		edit func(n *No)
		want string
	}{
		{func(n *No) { n.Balanced = strings.Repeat("x", MaxField+1) }, "balanced thought is 65,537 bytes"},
		{func(n *No) { n.Prepared = strings.Repeat("x", MaxField+1) }, "prepared is 65,537 bytes"},
		{func(n *No) { n.Traps = []string{"labelling", ""} }, "traps 2 is empty"},
		{func(n *No) { n.SecondaryReasons = make([]string, MaxTags+1) }, "at most 32 secondary reasons"},
		{func(n *No) { n.Stage = strings.Repeat("s", MaxTag+1) }, "the stage is 101 bytes"},
		{func(n *No) { n.Traps = []string{"Labelling"} }, `unknown thinking trap "Labelling"`},
	} {
		n := base
		tt.edit(&n)
		if err := n.CheckLimits(); !IsValidation(err) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %v, want %q", err, tt.want)
		}
	}
}
