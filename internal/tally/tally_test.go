package tally

import (
	"maps"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/journal"
)

// TestCountersCoverEveryField sets each field of a Day alone and rebuilds
// the Day from Counters: a field Counters (or apply) forgets comes back
// zero, and doctor's fingerprint would not see it.
func TestCountersCoverEveryField(t *testing.T) {
	typ := reflect.TypeFor[Day]()
	for i := range typ.NumField() {
		var d Day
		f := reflect.ValueOf(&d).Elem().Field(i)
		switch v := f.Addr().Interface().(type) {
		case *int:
			*v = 3
		case *map[string]int:
			*v = map[string]int{"k": 2}
		case *map[string]map[string]int:
			*v = map[string]map[string]int{"c": {"w": 2}}
		case *map[string]map[int]int:
			*v = map[string]map[int]int{"k": {5: 2}}
		default:
			t.Fatalf("field %s has a type this test does not know: %s", typ.Field(i).Name, f.Type())
		}
		var back Day
		d.Counters(func(c Counter, v int) { back.apply(c, v) })
		if !reflect.DeepEqual(back, d) {
			t.Errorf("field %s: Counters and apply rebuild %+v, want %+v", typ.Field(i).Name, back, d)
		}
	}
}

// TestTallyIsTheSumOfEach is what doctor's fingerprint relies on: the
// counters of a tally after any adds and removals are exactly the sum of
// what Each gives for the No's it holds, and Merge sums two tallies.
func TestTallyIsTheSumOfEach(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	var nos []journal.No
	var d Day
	for range 400 {
		if len(nos) > 0 && r.IntN(4) == 0 {
			i := r.IntN(len(nos))
			d.Add(&nos[i], -1)
			nos = append(nos[:i], nos[i+1:]...)
			continue
		}
		n := randomNo(r)
		d.Add(&n, +1)
		nos = append(nos, n)
	}
	want := map[Counter]int{}
	for i := range nos {
		Each(&nos[i], func(c Counter, v int) { want[c] += v })
	}
	for c, v := range want {
		if v == 0 {
			delete(want, c)
		}
	}
	if got := counters(&d); !reflect.DeepEqual(got, want) {
		t.Fatalf("the tally's counters differ from the sum of its No's:\n got %v\nwant %v", got, want)
	}

	var a, b, sum Day
	for i := range nos {
		if i%2 == 0 {
			a.Add(&nos[i], 1)
		} else {
			b.Add(&nos[i], 1)
		}
	}
	sum.Merge(&a)
	sum.Merge(&b)
	if !reflect.DeepEqual(sum, d) {
		t.Fatalf("Merge of the halves = %+v, want %+v", sum, d)
	}
}

func counters(d *Day) map[Counter]int {
	m := map[Counter]int{}
	d.Counters(func(c Counter, v int) {
		if _, dup := m[c]; dup {
			panic("counter listed twice")
		}
		m[c] = v
	})
	return m
}

func randomNo(r *rand.Rand) journal.No {
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	day := journal.Day(time.Date(2026, 1, 1+r.IntN(60), 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
	n := journal.No{
		Date:          day,
		Reason:        pick("", "price", "timing", "fit"),
		ReasonText:    pick("", " ", "too dear"),
		Assumed:       pick("", "price", "timing"),
		Kind:          journal.Kind(pick("", "not-now", "final")),
		Change:        pick("", "budget"),
		Lesson:        pick("", "ask early"),
		Competitor:    pick("", "Acme  Corp", " Globex"),
		CompetitorWhy: pick("", "cheaper", " "),
		Feeling:       r.IntN(6),
		FeelingAfter:  r.IntN(6),
		Tags:          []string{pick("", "Q1", "q1", "big")},
	}
	if r.IntN(2) == 0 {
		n.FollowUp = day
		n.FollowUpDone = r.IntN(2) == 0
	}
	if r.IntN(2) == 0 {
		n.Thought = pick("", "they'll never buy")
		n.Traps = [][]string{nil, {"fortune-telling"}, {"labelling", "fortune-telling"}}[r.IntN(3)]
		n.Referral = pick("", "Dana at Globex")
		n.ReferralAsked = r.IntN(2) == 0
		n.Stage = pick("", "demo", "proposal")
		n.Mistake = pick("", "careless")
		n.Prepared = pick("", "Reread notes.", " ")
		n.SecondaryReasons = [][]string{nil, {"price"}, {"timing", "fit"}}[r.IntN(3)]
	}
	at := time.Date(2026, 3, 1+r.IntN(20), 12, 0, 0, 0, time.UTC)
	n.SetOutcome(journal.Outcome(pick("open", "maybe", "yes")), at)
	return n
}

// TestIssue15Counters: a guess is counted only without a reason they said;
// a No turned once it ever reached maybe or yes; debriefs are counted
// once per No, with their reason and their short answers.
func TestIssue15Counters(t *testing.T) {
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	var d Day
	guess := journal.No{Date: "2026-11-01", Assumed: "price"}
	theirs := journal.No{Date: "2026-11-01", Reason: "price", Assumed: "price"}
	picked := journal.No{Date: "2026-11-01", Reason: "timing"}
	letGo := journal.No{Date: "2026-11-01", Reason: "budget"}
	letGo.SetOutcome(journal.OutcomeMaybe, at)
	letGo.SetOutcome(journal.OutcomeClosed, at.Add(time.Hour))
	debriefed := journal.No{Date: "2026-11-01", Reason: "price", Debrief: []journal.Answer{
		{Prompt: "why", Answer: "The price!"}, {Prompt: "who", Answer: "the price"}, {Prompt: "x", Answer: ""},
		{Prompt: "long", Answer: strings.Repeat("word ", 30)}}}
	empty := journal.No{Date: "2026-11-01", Debrief: []journal.Answer{{Prompt: "why", Answer: "  "}}}
	for _, n := range []journal.No{guess, theirs, picked, letGo, debriefed, empty} {
		d.Add(&n, 1)
	}
	if d.Guessed != 1 {
		t.Errorf("guessed %d, want 1 (only the No without their reason)", d.Guessed)
	}
	if d.Turned["all"] != 1 || d.Turned["reason:budget"] != 1 || d.Outcomes["closed"] != 1 {
		t.Errorf("turned %v outcomes %v", d.Turned, d.Outcomes)
	}
	if d.Debriefed != 1 || d.DebriefReasons["price"] != 1 || !maps.Equal(d.DebriefSaid, map[string]int{"the price": 1}) {
		t.Errorf("debriefed %d reasons %v said %v", d.Debriefed, d.DebriefReasons, d.DebriefSaid)
	}
	for in, want := range map[string]string{"  The   Price. ": "the price", "ok?!": "ok", "": "", strings.Repeat("a", MaxSaid+1): ""} {
		if got := SaidKey(in); got != want {
			t.Errorf("SaidKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestIssue17Counters: the thought record is counted on reframes only,
// each trap once; the sting's drop by whether the reframe had a thought
// record; a named referral counts as asked; secondary reasons never
// count the No's own reason twice.
func TestIssue17Counters(t *testing.T) {
	reframed := func(n journal.No) journal.No {
		n.Date, n.Reason, n.Change, n.Lesson = "2026-11-01", "price", "budget", "ask early"
		return n
	}
	for _, tc := range []struct {
		name string
		no   journal.No
		want Day
	}{
		{"a thought record on a reframe", reframed(journal.No{Thought: "never", Traps: []string{"labelling", "fortune-telling", "labelling"}, Feeling: 5, FeelingAfter: 2}),
			Day{ThoughtRecords: 1, Traps: map[string]int{"labelling": 1, "fortune-telling": 1}, StingDrops: map[string]int{"with:3": 1}}},
		{"a reframe without one", reframed(journal.No{Feeling: 3, FeelingAfter: 3}), Day{StingDrops: map[string]int{"without:0": 1}}},
		{"rated once only", reframed(journal.No{Balanced: "maybe later", Feeling: 4}), Day{ThoughtRecords: 1}},
		{"not reframed: no thought record counted", journal.No{Date: "2026-11-01", Traps: []string{"labelling"}, Feeling: 5, FeelingAfter: 1}, Day{}},
		{"asked, nobody named", journal.No{ReferralAsked: true}, Day{ReferralAsked: 1}},
		{"a name means asked", journal.No{Referral: " Dana "}, Day{ReferralAsked: 1, ReferralGiven: 1}},
		{"stage", journal.No{Stage: "interview"}, Day{Stages: map[string]int{"interview": 1}}},
		{"exam wrapper", journal.No{Mistake: "careless", Prepared: " Reread   my notes. "}, Day{Mistakes: map[string]int{"careless": 1}, PreparedN: 1, Prepared: map[string]int{"reread my notes": 1}}},
		{"a long answer on how I prepared", journal.No{Prepared: strings.Repeat("study ", 20)}, Day{PreparedN: 1}},
		{"drivers", journal.No{Reason: "price", SecondaryReasons: []string{"price", "trust", "trust", "timing"}}, Day{SecondaryReasons: map[string]int{"trust": 1, "timing": 1}}},
	} {
		var got Day
		eachThought(&tc.no, got.apply)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
	if StingKey(true, -2) != "with:-2" || StingKey(false, 7) != "without:7" {
		t.Errorf("StingKey: %q %q", StingKey(true, -2), StingKey(false, 7))
	}
}

// Days to a yes are counted in fixed bins: a day's tally keeps at most
// len(YesBins) counts per key however many No's turned, so reading it
// costs the same at ten No's a day or a thousand.
func TestYesDaysStayFixedSize(t *testing.T) {
	var d Day
	day := journal.Day("2024-01-01")
	for i := range 1000 {
		n := journal.No{Date: day, Reason: "price", Kind: journal.KindNotNow, Outcome: journal.OutcomeYes,
			OutcomeHistory: []journal.OutcomeChange{{Outcome: journal.OutcomeYes, At: day.AddDays(i).Time(time.UTC).Add(time.Hour)}}}
		d.Add(&n, 1)
	}
	for k, m := range d.YesDays {
		if len(m) > len(YesBins) {
			t.Errorf("YesDays[%q] holds %d counts; the bins are %d", k, len(m), len(YesBins))
		}
	}
	if got := d.YesDays[""][YesBin(900)]; got != 270 { // 730 days and more: 730..999
		t.Errorf("the bin of 900 days counts %d", got)
	}
}

func TestYesBins(t *testing.T) {
	for _, tc := range []struct{ days, bin, end int }{
		{-3, 0, 1}, {0, 0, 1}, {14, 14, 15}, {15, 15, 22}, {21, 15, 22}, {22, 22, 29}, {60, 57, 71},
		{364, 300, 365}, {729, 545, 730}, {730, 730, 1095}, {5000, 730, 5365},
	} {
		if b := YesBin(tc.days); b != tc.bin {
			t.Errorf("YesBin(%d) = %d, want %d", tc.days, b, tc.bin)
		}
		if e := YesBinEnd(tc.days); e != tc.end {
			t.Errorf("YesBinEnd(%d) = %d, want %d", tc.days, e, tc.end)
		}
	}
}
