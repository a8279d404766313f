package insights

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

func traps(ids ...string) opt { return func(n *journal.No) { n.Traps = ids } }
func thought(s string) opt    { return func(n *journal.No) { n.Thought = s } }
func stage(id string) opt     { return func(n *journal.No) { n.Stage = id } }
func mistake(id, prepared string) opt {
	return func(n *journal.No) { n.Mistake, n.Prepared = id, prepared }
}
func secondary(ids ...string) opt { return func(n *journal.No) { n.SecondaryReasons = ids } }
func referral(asked bool, who string) opt {
	return func(n *journal.No) { n.ReferralAsked, n.Referral = asked, who }
}

func jobMode() *coach.Mode {
	m := testMode()
	m.ID = "job"
	m.Stages = []coach.Choice{{ID: "applied", Label: "Applied"}, {ID: "screen", Label: "Screening call"},
		{ID: "interview", Label: "Interview"}, {ID: "final-round", Label: "Final round"}, {ID: "offer", Label: "Offer"}}
	m.Mistakes = []coach.Choice{{ID: "content", Label: "Content"}, {ID: "careless", Label: "Careless"}}
	m.Traps = []coach.Trap{{ID: "fortune-telling", Name: "Fortune telling"}}
	return m
}

// TestTrapsAgainstThePreviousPeriod: "fortune telling in 9 of 30
// reframes, down from 14": traps count reframes only, each once, and
// compare with the 30 days before, a trap gone this period included.
func TestTrapsAgainstThePreviousPeriod(t *testing.T) {
	t.Parallel()
	nos := join(
		repeat(9, ago(2, reframed(), traps("fortune-telling", "labelling", "fortune-telling"))),
		repeat(21, ago(3, reframed())),
		repeat(4, ago(4, traps("fortune-telling"))), // not reframed: no trap counted
		repeat(14, ago(40, reframed(), thought("never again"), traps("fortune-telling"))),
		repeat(3, ago(41, reframed(), traps("catastrophising"))),
		repeat(8, ago(42, reframed())),
	)
	th := compute("30d", nos, jobMode()).Thinking
	if th.Reframes != 30 || th.ThoughtRecords != 9 || !th.Compared || th.PrevReframes != 25 {
		t.Fatalf("reframes %d, with a record %d, before %d (%v)", th.Reframes, th.ThoughtRecords, th.PrevReframes, th.Compared)
	}
	want := []Trap{{"fortune-telling", "Fortune telling", 9, 14}, {"labelling", "labelling", 9, 0}, {"catastrophising", "catastrophising", 0, 3}}
	if !reflect.DeepEqual(th.Traps, want) {
		t.Errorf("traps %+v, want %+v", th.Traps, want)
	}
	// All time has no previous period: counts only.
	all := compute("all", nos, jobMode()).Thinking
	if all.Compared || all.Traps[0] != (Trap{"fortune-telling", "Fortune telling", 23, 0}) {
		t.Errorf("all: %+v", all)
	}
}

// TestStingWithAndWithoutTheThoughtRecord: averages only with MinSting
// rated reframes on each side; "stands out" only when the eased count
// with the record beats chance (the binomial test), never on a small
// or an even difference.
func TestStingWithAndWithoutTheThoughtRecord(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name             string
		nos              []journal.No
		shown, standsOut bool
		with, without    float64
	}{
		{"too few with the record", join(repeat(4, ago(1, reframed(), thought("x"), feel(5, 1))), repeat(20, ago(1, reframed(), feel(4, 3)))), false, false, 4, 1},
		{"too few without", join(repeat(20, ago(1, reframed(), thought("x"), feel(5, 1))), repeat(4, ago(1, reframed(), feel(4, 3)))), false, false, 4, 1},
		{"even: shown, nothing stands out", join(repeat(10, ago(1, reframed(), thought("x"), feel(4, 2))), repeat(10, ago(1, reframed(), feel(4, 2)))), true, false, 2, 2},
		{"a clear difference", join(repeat(12, ago(1, reframed(), thought("x"), feel(5, 2))), repeat(30, ago(1, reframed(), feel(4, 3)))), true, true, 3, 1},
		{"small numbers, big drop: not enough to beat chance", join(repeat(5, ago(1, reframed(), traps("labelling"), feel(5, 2))), repeat(5, ago(1, reframed(), feel(4, 3)))), true, false, 3, 1},
		{"unrated and half-rated reframes are left out", join(repeat(6, ago(1, reframed(), thought("x"), feel(5, 0))), repeat(6, ago(1, reframed(), feel(0, 0)))), false, false, 0, 0},
	} {
		s := compute("30d", tc.nos, testMode()).Thinking.Sting
		if s.Shown != tc.shown || s.StandsOut != tc.standsOut {
			t.Errorf("%s: shown %v stands out %v (p %.4f, %+v)", tc.name, s.Shown, s.StandsOut, s.P, s)
		}
		if tc.with > 0 && (s.With.Drop == nil || *s.With.Drop != tc.with || s.Without.Drop == nil || *s.Without.Drop != tc.without) {
			t.Errorf("%s: drops %v %v, want %v %v", tc.name, s.With.Drop, s.Without.Drop, tc.with, tc.without)
		}
	}
}

// TestReferralsStagesMistakesDrivers: the per-mode counts.
func TestReferralsStagesMistakesDrivers(t *testing.T) {
	t.Parallel()
	nos := join(
		repeat(2, ago(1, stage("screen"), referral(true, ""))),
		repeat(5, ago(1, stage("interview"), referral(false, "Dana"))),
		repeat(2, ago(1, stage("final-round"), referral(true, "Sam"))),
		repeat(3, ago(1, reason("price"), secondary("timing", "price"), mistake("careless", "Reread my notes."))),
		repeat(2, ago(1, reason("timing"), mistake("content", "reread my notes"))),
		repeat(2, ago(1, mistake("content", "flashcards"))),
	)
	per, _ := ParsePeriod("30d")
	in := Input{Period: per, Today: today, Days: Recompute(nos), Mode: jobMode(), ReferralYes: 2,
		Kept: map[journal.IntentionKept]int{journal.KeptYes: 4, journal.KeptPartly: 2, journal.KeptNotYet: 1}}
	th := Compute(in).Thinking
	if th.Referrals != (Referrals{Asked: 9, Given: 7, Yes: 2}) {
		t.Errorf("referrals %+v", th.Referrals)
	}
	st := th.Stages
	if st.Of != 9 || st.Top != "interview" || st.TopLabel != "Interview" || st.AtOrLater != 7 || st.TopFirst {
		t.Errorf("stages %+v", st)
	}
	var order []string
	for _, c := range st.Items {
		order = append(order, c.ID)
	}
	if strings.Join(order, ",") != "screen,interview,final-round" {
		t.Errorf("stages in the mode's order: %v", order)
	}
	if th.MistakesOf != 7 || th.Mistakes[0].ID != "content" || th.Mistakes[0].Count != 4 || th.Mistakes[0].Label != "Content" {
		t.Errorf("mistakes %d %+v", th.MistakesOf, th.Mistakes)
	}
	if th.PreparedNos != 7 || !reflect.DeepEqual(th.Prepared, []Said{{"reread my notes", 5}, {"flashcards", 2}}) {
		t.Errorf("prepared %d %+v", th.PreparedNos, th.Prepared)
	}
	wantDrivers := []Driver{{"timing", "Timing", 2, 3}, {"price", "Price", 3, 0}}
	if !reflect.DeepEqual(th.Drivers, wantDrivers) {
		t.Errorf("drivers %+v, want %+v (timing: 2 as the reason, 3 beside price; price never twice)", th.Drivers, wantDrivers)
	}
	if th.Intentions != (Intentions{4, 2, 1}) || th.Intentions.Total() != 7 {
		t.Errorf("intentions %+v", th.Intentions)
	}
	// The first stage leads: nothing is "earlier", so its own count.
	first := compute("30d", join(repeat(5, ago(1, stage("applied"))), repeat(2, ago(1, stage("interview")))), jobMode()).Thinking.Stages
	if !first.TopFirst || first.Top != "applied" || first.TopCount != 5 || first.AtOrLater != 7 {
		t.Errorf("first stage leads: %+v", first)
	}
	// No secondary reason in the period: no drivers (they would repeat the reasons).
	if d := compute("30d", repeat(12, ago(1, reason("price"))), jobMode()).Thinking.Drivers; len(d) != 0 {
		t.Errorf("drivers without secondary reasons: %+v", d)
	}
}

// TestThinkingJSON: the keys scripts read, lists never null.
func TestThinkingJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(compute("30d", nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"traps":[]`, `"thought_records":{"reframes":0,"with_record":0}`,
		`"sting_drop":{"min_each":5,"eased_by":2,"shown":false,"with_record":{"reframes":0,"average_drop":null,"eased":0}`,
		`"referrals":{"asked":0,"given":0,"yes":0}`, `"stages":{"of":0,"top_count":0,"at_or_later":0,"counts":[]}`,
		`"mistakes":{"of":0,"counts":[]}`, `"prepared":{"nos":0,"said":[]}`, `"decision_drivers":[]`,
		`"intentions_kept":{"yes":0,"partly":0,"not_yet":0,"total":0}`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("JSON lacks %s:\n%s", k, b)
		}
	}
	nos := join(repeat(3, ago(2, reframed(), traps("labelling"))), repeat(5, ago(40, reframed(), traps("labelling"))))
	b, _ = json.Marshal(compute("30d", nos, nil))
	if !strings.Contains(string(b), `{"trap":"labelling","label":"labelling","count":3,"of":3,"prev":5,"prev_of":5,"change":-2}`) {
		t.Errorf("trap JSON: %s", b)
	}
}
