package insights

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
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

func TestParsePeriod(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want Period
		err  bool
	}{
		{"7d", Period{"7d", 7}, false},
		{"30d", Period{"30d", 30}, false},
		{" 90D ", Period{"90d", 90}, false},
		{"all", Period{"all", 0}, false},
		{"", Period{}, true},
		{"14d", Period{}, true},
	} {
		got, err := ParsePeriod(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParsePeriod(%q) = %v, %v", tc.in, got, err)
		}
		if err != nil {
			if !journal.IsValidation(err) || !strings.Contains(err.Error(), "7d, 30d, 90d, all") {
				t.Errorf("ParsePeriod(%q) error %q should be a validation error listing the choices", tc.in, err)
			}
		}
	}
}

func TestPeriodRange(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		p                          Period
		from, to, prevFrom, prevTo journal.Day
	}{
		{Period{"7d", 7}, "2026-11-16", today, "2026-11-09", "2026-11-15"},
		{Period{"30d", 30}, "2026-10-24", today, "2026-09-24", "2026-10-23"},
		{Period{"90d", 90}, "2026-08-25", today, "2026-05-27", "2026-08-24"},
		{Period{"all", 0}, "", today, "", ""},
	} {
		from, to := tc.p.Range(today)
		pf, pt := tc.p.Previous(today)
		if from != tc.from || to != tc.to || pf != tc.prevFrom || pt != tc.prevTo {
			t.Errorf("%s: range %s..%s previous %s..%s", tc.p.Name, from, to, pf, pt)
		}
		if tc.p.Days > 0 && (from.DaysUntil(to)+1 != tc.p.Days || pf.DaysUntil(pt)+1 != tc.p.Days) {
			t.Errorf("%s: spans are not %d days long", tc.p.Name, tc.p.Days)
		}
	}
}

func TestMedian(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		hist map[int]int
		want *float64
	}{
		{nil, nil},
		{map[int]int{}, nil},
		{map[int]int{5: 1}, fp(5)},
		{map[int]int{5: 2}, fp(5)},
		{map[int]int{1: 1, 10: 1}, fp(5.5)},
		{map[int]int{1: 1, 2: 1, 30: 1}, fp(2)},
		{map[int]int{0: 3, 7: 1}, fp(0)},
		{map[int]int{0: 2, 7: 2}, fp(3.5)},
		{map[int]int{3: 1, 4: 5, 100: 1}, fp(4)},
	} {
		got := Median(tc.hist)
		if (got == nil) != (tc.want == nil) || got != nil && *got != *tc.want {
			t.Errorf("Median(%v) = %v, want %v", tc.hist, deref(got), deref(tc.want))
		}
	}
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func TestMessage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		nos    int
		enough bool
		msg    string
	}{
		{0, false, "No No's in this period yet — log the next one while it is fresh."},
		{1, false, "1 No so far — patterns appear after about 10"},
		{3, false, "3 No's so far — patterns appear after about 10"},
		{9, false, "9 No's so far — patterns appear after about 10"},
		{10, true, ""},
		{25, true, ""},
	} {
		r := compute("30d", repeat(tc.nos, ago(1, reason("price"))), nil)
		if r.Total != tc.nos || r.Enough != tc.enough || r.Message != tc.msg {
			t.Errorf("%d No's: total %d enough %v message %q", tc.nos, r.Total, r.Enough, r.Message)
		}
	}
}

func TestEmptyJournal(t *testing.T) {
	t.Parallel()
	r := compute("30d", nil, testMode(coach.Rule{ID: "any", Metric: "guessed_reason", Text: "x", Because: "y"}))
	if r.Total != 0 || r.Enough || len(r.Reasons) != 0 || len(r.Kinds) != 0 || len(r.Competitors) != 0 ||
		r.TurnaroundRate != 0 || r.MedianDaysToYes != nil || r.AssumedMismatchRate != 0 || r.TopMismatch != nil ||
		r.FeelingBefore != nil || r.FeelingAfter != nil || len(r.Suggestions) != 0 {
		t.Fatalf("empty journal: %+v", r)
	}
	if len(r.Weeks) != TrendWeeks || r.Weeks[0].Start != "2026-08-31" || r.Weeks[11].Start != "2026-11-16" {
		t.Fatalf("weeks: %+v", r.Weeks)
	}
}

func TestReasonsAndKinds(t *testing.T) {
	t.Parallel()
	mode := testMode()
	for _, tc := range []struct {
		name    string
		period  string
		nos     []journal.No
		reasons []Count
		kinds   []Count
	}{
		{
			name:    "one No",
			period:  "30d",
			nos:     []journal.No{ago(0, reason("price"), kind(journal.KindNotThis))},
			reasons: []Count{{ID: "price", Label: "Price", Count: 1, Share: 1}},
			kinds:   []Count{{ID: "not-this", Label: "Not this", Count: 1, Share: 1}},
		},
		{
			name:   "ties by id; unlabelled ids keep their id; no reason is not a reason",
			period: "30d",
			nos: join(repeat(2, ago(1, reason("timing"))), repeat(2, ago(2, reason("budget"))),
				repeat(3, ago(3, reason("zzz-foreign"))), []journal.No{ago(4)}),
			reasons: []Count{
				{ID: "zzz-foreign", Label: "zzz-foreign", Count: 3, Share: 3.0 / 8},
				{ID: "budget", Label: "Budget", Count: 2, Share: 2.0 / 8},
				{ID: "timing", Label: "Timing", Count: 2, Share: 2.0 / 8},
			},
			kinds: []Count{},
		},
		{
			name:   "change against the previous 7 days; outside both is ignored",
			period: "7d",
			nos: join(
				repeat(3, ago(0, reason("price"), kind(journal.KindNotThis))),
				repeat(1, ago(6, reason("timing"), kind(journal.KindNotNow))),
				repeat(2, ago(7, reason("timing"), kind(journal.KindNotNow))), // previous week
				repeat(1, ago(13, reason("budget"))),                          // previous week
				repeat(5, ago(14, reason("price"))),                           // before both
				repeat(4, ago(-1, reason("price"))),                           // future: not yet
			),
			reasons: []Count{
				{ID: "price", Label: "Price", Count: 3, Share: 0.75, Prev: 0, Change: 3, Compared: true},
				{ID: "timing", Label: "Timing", Count: 1, Share: 0.25, Prev: 2, Change: -1, Compared: true},
			},
			kinds: []Count{
				{ID: "not-this", Label: "Not this", Count: 3, Share: 0.75, Change: 3, Compared: true},
				{ID: "not-now", Label: "Not now", Count: 1, Share: 0.25, Prev: 2, Change: -1, Compared: true},
			},
		},
		{
			name:    "an empty previous period compares with nothing",
			period:  "7d",
			nos:     []journal.No{ago(0, reason("price"))},
			reasons: []Count{{ID: "price", Label: "Price", Count: 1, Share: 1}},
			kinds:   []Count{},
		},
		{
			name:    "all has no previous period",
			period:  "all",
			nos:     join(repeat(2, ago(400, reason("price"))), repeat(1, ago(0, reason("timing")))),
			reasons: []Count{{ID: "price", Label: "Price", Count: 2, Share: 2.0 / 3}, {ID: "timing", Label: "Timing", Count: 1, Share: 1.0 / 3}},
			kinds:   []Count{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := compute(tc.period, tc.nos, mode)
			if !reflect.DeepEqual(r.Reasons, tc.reasons) {
				t.Errorf("reasons\n got %+v\nwant %+v", r.Reasons, tc.reasons)
			}
			if !reflect.DeepEqual(r.Kinds, tc.kinds) {
				t.Errorf("kinds\n got %+v\nwant %+v", r.Kinds, tc.kinds)
			}
		})
	}
}

func TestTotalsAndPrevious(t *testing.T) {
	t.Parallel()
	nos := join(repeat(2, ago(0, reframed())), repeat(1, ago(3)), repeat(4, ago(10)))
	r := compute("7d", nos, nil)
	if r.Total != 3 || r.Reframed != 2 || !r.HasPrevious || r.PrevTotal != 4 || r.From != "2026-11-16" || r.To != today {
		t.Errorf("7d: %+v", r)
	}
	r = compute("all", nos, nil)
	if r.Total != 7 || r.HasPrevious || r.PrevTotal != 0 || r.From != "" {
		t.Errorf("all: %+v", r)
	}
}

func TestAssumedVsReal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		nos      []journal.No
		assumed  int
		missed   int
		rate     float64
		mismatch *Mismatch
	}{
		{name: "no guesses", nos: repeat(3, ago(1, reason("price")))},
		{
			name:    "every guess right",
			nos:     repeat(4, ago(1, reason("price"), assumed("price"))),
			assumed: 4,
		},
		{
			name: "you assumed price 9 times; it was price 3 times",
			nos: join(
				repeat(3, ago(1, reason("price"), assumed("price"))),
				repeat(4, ago(1, reason("budget"), assumed("price"))),
				repeat(2, ago(1, reason("timing"), assumed("price"))),
				repeat(1, ago(1, reason("price"), assumed("timing"))),
			),
			assumed: 10, missed: 7, rate: 0.7,
			mismatch: &Mismatch{Assumed: "price", Real: "budget", AssumedLabel: "Price", RealLabel: "Budget",
				Count: 4, AssumedTimes: 9, ActualTimes: 4},
		},
		{
			name: "a tie between mismatches names none",
			nos: join(
				repeat(2, ago(1, reason("timing"), assumed("price"))),
				repeat(2, ago(1, reason("budget"), assumed("price"))),
			),
			assumed: 4, missed: 4, rate: 1,
		},
		{
			name: "a tie of ones names none (was: \"Most often it was really Budget (1)\")",
			nos: join(
				repeat(1, ago(1, reason("timing"), assumed("price"))),
				repeat(1, ago(1, reason("budget"), assumed("other"))),
				repeat(1, ago(1, reason("other"), assumed("budget"))),
			),
			assumed: 3, missed: 3, rate: 1,
		},
		{
			name:    "a lead of one mix-up seen once is no pattern",
			nos:     join(repeat(1, ago(1, reason("budget"), assumed("price"))), repeat(3, ago(1, reason("price"), assumed("price")))),
			assumed: 4, missed: 1, rate: 0.25,
		},
		{
			name: "a strict lead of two names it",
			nos: join(
				repeat(2, ago(1, reason("budget"), assumed("price"))),
				repeat(1, ago(1, reason("timing"), assumed("price"))),
			),
			assumed: 3, missed: 3, rate: 1,
			mismatch: &Mismatch{Assumed: "price", Real: "budget", AssumedLabel: "Price", RealLabel: "Budget",
				Count: 2, AssumedTimes: 3, ActualTimes: 0},
		},
		{
			name:    "a guess without a known real reason counts as a guess, neither a hit nor a miss",
			nos:     join(repeat(1, ago(1, assumed("price"))), repeat(1, ago(1, reason("budget"), assumed("price")))),
			assumed: 2, missed: 1, rate: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := compute("30d", tc.nos, testMode())
			if r.Assumed != tc.assumed || r.Mismatched != tc.missed || r.AssumedMismatchRate != tc.rate {
				t.Errorf("assumed %d missed %d rate %v", r.Assumed, r.Mismatched, r.AssumedMismatchRate)
			}
			if !reflect.DeepEqual(r.TopMismatch, tc.mismatch) {
				t.Errorf("top mismatch\n got %+v\nwant %+v", r.TopMismatch, tc.mismatch)
			}
		})
	}
}

// TestGuessed: only a No whose reason is the user's guess (assumed, none
// they said) counts as guessed, and the miss rate is over checked guesses.
func TestGuessed(t *testing.T) {
	t.Parallel()
	r := compute("30d", join(
		repeat(3, ago(1, assumed("price"), reasonText(""))),
		repeat(2, ago(1, reason("budget"), assumed("price"))),
		repeat(2, ago(1, reason("price"), assumed("price"))),
		repeat(4, ago(1, reason("timing"), reasonText(""))),
	), testMode())
	if r.Assumed != 7 || r.Guessed != 3 || r.Mismatched != 2 || r.AssumedMismatchRate != 0.5 {
		t.Errorf("assumed %d guessed %d missed %d rate %v", r.Assumed, r.Guessed, r.Mismatched, r.AssumedMismatchRate)
	}
}

// TestDebriefs: what debrief calls said is counted next to the reasons;
// only answers heard at least twice are listed, most often first.
func TestDebriefs(t *testing.T) {
	t.Parallel()
	deb := func(answers ...string) opt {
		return func(n *journal.No) {
			for i, a := range answers {
				n.Debrief = append(n.Debrief, journal.Answer{Prompt: fmt.Sprint("q", i), Answer: a})
			}
		}
	}
	r := compute("30d", join(
		repeat(3, ago(1, reason("price"), deb("", "The price.", "Acme"))),
		repeat(1, ago(1, reason("price"), deb("the   PRICE", "the price"))), // once per No
		repeat(2, ago(1, reason("timing"), deb("Next quarter", strings.Repeat("long ", 40)))),
		repeat(1, ago(1, reason("timing"), deb("Budget freeze"))),
		repeat(4, ago(1, reason("other"), deb("", " "))), // no answer: not debriefed
		repeat(1, ago(1, reason("other"))),
	), testMode())
	want := []Count{{ID: "price", Label: "Price", Count: 4, Share: 4.0 / 7}, {ID: "timing", Label: "Timing", Count: 3, Share: 3.0 / 7}}
	if r.Debriefs.Nos != 7 || !reflect.DeepEqual(r.Debriefs.ByReason, want) {
		t.Errorf("debriefs %d by reason %s, want 7 and %s", r.Debriefs.Nos, show(r.Debriefs.ByReason), show(want))
	}
	wantSaid := []Said{{"the price", 4}, {"acme", 3}, {"next quarter", 2}}
	if !reflect.DeepEqual(r.Debriefs.Said, wantSaid) {
		t.Errorf("said %+v, want %+v", r.Debriefs.Said, wantSaid)
	}
}

func TestCompetitors(t *testing.T) {
	t.Parallel()
	nos := join(
		repeat(2, ago(1, competitor("Acme", "cheaper"))),
		repeat(1, ago(1, competitor("acme", "cheaper"))),
		repeat(1, ago(1, competitor(" Acme  ", "faster"))),
		repeat(1, ago(1, competitor("Acme", "a"))),
		repeat(1, ago(1, competitor("Acme", "b"))),
		repeat(1, ago(1, competitor("Acme", "c"))),
		repeat(1, ago(1, competitor("Acme", "d"))),
		repeat(2, ago(1, competitor("Zeta", ""))),
		repeat(2, ago(1, competitor("Beta", "local"))),
		repeat(3, ago(40, competitor("Old", "outside the period"))),
	)
	want := []Competitor{
		{Name: "Acme", Count: 8, Whys: []string{"cheaper", "a", "b", "c", "d"}},
		{Name: "Beta", Count: 2, Whys: []string{"local"}},
		{Name: "Zeta", Count: 2, Whys: []string{}},
	}
	r := compute("30d", nos, nil)
	if !reflect.DeepEqual(r.Competitors, want) {
		t.Errorf("competitors\n got %+v\nwant %+v", r.Competitors, want)
	}
	if r := compute("30d", nil, nil); r.Competitors == nil || len(r.Competitors) != 0 {
		t.Errorf("no competitors should be an empty list, got %#v", r.Competitors)
	}
}

func TestTurnaround(t *testing.T) {
	t.Parallel()
	mode := testMode()
	type want struct {
		Turned, Yeses int
		Rate          float64
		Median        *float64
		ByReason      []Turnaround
		ByKind        []Turnaround
	}
	for _, tc := range []struct {
		name string
		nos  []journal.No
		want want
	}{
		{name: "empty", want: want{ByReason: []Turnaround{}, ByKind: []Turnaround{}}},
		{
			name: "one No still open",
			nos:  []journal.No{ago(2, reason("price"))},
			want: want{ByReason: []Turnaround{{ID: "price", Label: "Price", Nos: 1}}, ByKind: []Turnaround{}},
		},
		{
			name: "all yes",
			nos: join(
				repeat(1, ago(20, reason("price"), kind(journal.KindNotNow), yesAfter(3))),
				repeat(1, ago(20, reason("price"), kind(journal.KindNotNow), yesAfter(10))),
			),
			want: want{Turned: 2, Yeses: 2, Rate: 1, Median: fp(6.5),
				ByReason: []Turnaround{{ID: "price", Label: "Price", Nos: 2, Turned: 2, Rate: 1, MedianDaysToYes: fp(6.5)}},
				ByKind:   []Turnaround{{ID: "not-now", Label: "Not now", Nos: 2, Turned: 2, Rate: 1, MedianDaysToYes: fp(6.5)}},
			},
		},
		{
			name: "maybe turns but has no days to yes; best rate first, ties by more No's then id",
			nos: join(
				repeat(2, ago(5, reason("timing"), kind(journal.KindNotNow), maybe())),
				repeat(2, ago(5, reason("timing"), kind(journal.KindNotNow))),
				repeat(1, ago(5, reason("budget"), kind(journal.KindNotThis), yesAfter(4))),
				repeat(1, ago(5, reason("budget"), kind(journal.KindNotThis))),
				repeat(3, ago(5, reason("price"), kind(journal.KindFinal))),
				repeat(1, ago(5, reason("other"), kind(journal.KindFinal))),
			),
			want: want{Turned: 3, Yeses: 1, Rate: 0.3, Median: fp(4),
				ByReason: []Turnaround{
					{ID: "timing", Label: "Timing", Nos: 4, Turned: 2, Rate: 0.5},
					{ID: "budget", Label: "Budget", Nos: 2, Turned: 1, Rate: 0.5, MedianDaysToYes: fp(4)},
					{ID: "price", Label: "Price", Nos: 3},
					{ID: "other", Label: "Other", Nos: 1},
				},
				ByKind: []Turnaround{
					{ID: "not-now", Label: "Not now", Nos: 4, Turned: 2, Rate: 0.5},
					{ID: "not-this", Label: "Not this", Nos: 2, Turned: 1, Rate: 0.5, MedianDaysToYes: fp(4)},
					{ID: "final", Label: "Final", Nos: 4},
				},
			},
		},
		{
			name: "a No that reached maybe and was later let go still turned around once",
			nos: join(
				repeat(1, ago(5, reason("price"), maybe(), closedAfter(2))),
				repeat(1, ago(5, reason("price"), closedAfter(2))),
			),
			want: want{Turned: 1, Rate: 0.5,
				ByReason: []Turnaround{{ID: "price", Label: "Price", Nos: 2, Turned: 1, Rate: 0.5}},
				ByKind:   []Turnaround{},
			},
		},
		{
			name: "a yes on the day of the No is 0 days",
			nos:  []journal.No{ago(1, yesAfter(0))},
			want: want{Turned: 1, Yeses: 1, Rate: 1, Median: fp(0), ByReason: []Turnaround{}, ByKind: []Turnaround{}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := compute("30d", tc.nos, mode)
			got := want{r.Turned, r.Yeses, r.TurnaroundRate, r.MedianDaysToYes, r.ByReason, r.ByKind}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("\n got %s\nwant %s", show(got), show(tc.want))
			}
		})
	}
}

// show prints pointers as values so failures are readable.
func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestFeelingAndWeeks(t *testing.T) {
	t.Parallel()
	nos := join(
		repeat(2, ago(0, feel(4, 2), reframed())), // this week (Mon 16 .. Sun 22)
		repeat(1, ago(6, feel(5, 0))),             // Monday 16: still this week
		repeat(1, ago(7, feel(1, 1))),             // Sunday 15: last week
		repeat(3, ago(84)),                        // Sunday 2026-08-30: before the 12 weeks
		repeat(1, ago(90, reframed())),            // before the 12 weeks
		repeat(1, ago(83)),                        // Monday 2026-08-31: the first week
	)
	r := compute("7d", nos, nil)
	if r.FeelingBefore == nil || *r.FeelingBefore != 13.0/3 || r.FeelingAfter == nil || *r.FeelingAfter != 2 {
		t.Errorf("feeling %v -> %v", deref(r.FeelingBefore), deref(r.FeelingAfter))
	}
	wantWeeks := make([]Week, TrendWeeks)
	for i := range wantWeeks {
		wantWeeks[i].Start = journal.Day("2026-08-31").AddDays(7 * i)
	}
	wantWeeks[0].Nos = 1
	wantWeeks[10].Nos = 1
	wantWeeks[11].Nos, wantWeeks[11].Reframed = 3, 2
	if !reflect.DeepEqual(r.Weeks, wantWeeks) {
		t.Errorf("weeks\n got %+v\nwant %+v", r.Weeks, wantWeeks)
	}
	last, prev := r.FeelingTrend[11], r.FeelingTrend[10]
	if last.Start != "2026-11-16" || *last.Before != 13.0/3 || *last.After != 2 || *prev.Before != 1 || *prev.After != 1 || r.FeelingTrend[5].Before != nil {
		t.Errorf("feeling trend %s", show(r.FeelingTrend))
	}
	if r := compute("30d", repeat(2, ago(1)), nil); r.FeelingBefore != nil || r.FeelingAfter != nil {
		t.Errorf("unrated No's should have no feeling")
	}
}

// TestRecomputeMatchesIncremental plays a store's life (writes, edits as
// -old +new, deletes) and checks its tallies against decoding everything.
func TestRecomputeMatchesIncremental(t *testing.T) {
	t.Parallel()
	store := map[journal.Day]tally.Day{}
	apply := func(n *journal.No, sign int) {
		d := store[n.Date]
		d.Add(n, sign)
		if d.Empty() {
			delete(store, n.Date)
			return
		}
		store[n.Date] = d
	}
	live := map[int]journal.No{}
	write := func(id int, n journal.No) {
		if old, ok := live[id]; ok {
			apply(&old, -1)
		}
		apply(&n, 1)
		live[id] = n
	}
	for i := range 40 {
		write(i, ago(i%17, reason([]string{"price", "budget", "timing"}[i%3]), assumed("price"),
			competitor([]string{"Acme", "Beta", ""}[i%3], "cheaper"), tags("q4"), feel(i%5+1, 0)))
	}
	for i := 0; i < 40; i += 3 { // edit: reframe, move the date, turn some into yes
		n := live[i]
		n.Date = n.Date.AddDays(-30)
		reframed()(&n)
		if i%2 == 0 {
			yesAfter(i)(&n)
		}
		write(i, n)
	}
	for i := 1; i < 40; i += 5 { // delete
		n := live[i]
		apply(&n, -1)
		delete(live, i)
	}
	var nos []journal.No
	for _, n := range live {
		nos = append(nos, n)
	}
	want := Recompute(nos)
	if !reflect.DeepEqual(store, want) {
		t.Fatalf("incremental tallies differ from Recompute:\n got %s\nwant %s", show(store), show(want))
	}
	for _, p := range Periods {
		a := Compute(Input{Period: p, Today: today, Days: store, Mode: testMode()})
		b := Compute(Input{Period: p, Today: today, Days: want, Mode: testMode()})
		if show(a) != show(b) {
			t.Errorf("%s: reports differ", p.Name)
		}
	}
}

// said is a suggestion as the user reads it.
type said struct{ ID, Text, Because string }

func sayings(ss []Suggestion) []said {
	out := []said{}
	for _, s := range ss {
		out = append(out, said{s.ID, s.Text, s.Because})
	}
	return out
}

// even is k No's of each of testMode's five reasons.
func even(k int, d int) []journal.No {
	var out []journal.No
	for _, id := range []string{"price", "budget", "timing", "competitor", "other"} {
		out = append(out, repeat(k, ago(d, reason(id)))...)
	}
	return out
}

func TestSuggestionRules(t *testing.T) {
	t.Parallel()
	rule := func(id, metric string, minShare float64, minCount int, keys ...string) coach.Rule {
		return coach.Rule{ID: id, Metric: metric, Keys: keys, MinShare: minShare, MinCount: minCount,
			Text: "rule " + id + " about {{.Name}}", Because: "{{.Count}} of {{.Total}} ({{.Percent}}%)"}
	}
	base := func(extra ...[]journal.No) []journal.No {
		return join(append([][]journal.No{repeat(10, ago(1, reason("other")))}, extra...)...)
	}
	for _, tc := range []struct {
		name  string
		rules []coach.Rule
		nos   []journal.No
		want  []said
	}{
		{
			name:  "reasons spread evenly fire nothing, whatever the thresholds",
			rules: []coach.Rule{rule("price", "reason_share", 0, 0, "price"), rule("two", "reason_share", 0, 0, "price", "budget")},
			nos:   even(8, 1),
		},
		{
			name:  "a reason that stands out fires, naming the larger key, with what chance gives",
			rules: []coach.Rule{rule("price", "reason_share", 0.3, 3, "price", "budget")},
			nos:   join(even(2, 1), repeat(4, ago(1, reason("price"))), repeat(10, ago(1, reason("budget")))),
			want:  []said{{"price", "rule price about Budget", "18 of 24 (75%) — 40% if reasons were spread evenly"}},
		},
		{
			name:  "a share above the old flat threshold but within chance does not fire",
			rules: []coach.Rule{rule("price", "reason_share", 0.3, 3, "price", "budget")},
			nos:   base(repeat(2, ago(1, reason("price"))), repeat(4, ago(1, reason("budget")))),
		},
		{
			name:  "chance is over the No's with a reason; said over all the period's No's",
			rules: []coach.Rule{rule("price", "reason_share", 0, 0, "price")},
			nos:   join(repeat(6, ago(1, reason("price"))), repeat(4, ago(1, reason("timing"))), repeat(10, ago(1))),
			want:  []said{{"price", "rule price about Price", "6 of 20 (30%) — 10% if reasons were spread evenly"}},
		},
		{
			name:  "fewer than 5 No's never fire, however unlikely",
			rules: []coach.Rule{rule("price", "reason_share", 0, 0, "price")},
			nos:   join(repeat(4, ago(1, reason("price"))), repeat(8, ago(1))),
		},
		{
			name:  "min_share stays a floor",
			rules: []coach.Rule{rule("price", "reason_share", 0.9, 0, "price", "budget")},
			nos:   join(even(2, 1), repeat(4, ago(1, reason("price"))), repeat(10, ago(1, reason("budget")))),
		},
		{
			name:  "min_count stays a floor",
			rules: []coach.Rule{rule("price", "reason_share", 0, 20, "price", "budget")},
			nos:   join(even(2, 1), repeat(4, ago(1, reason("price"))), repeat(10, ago(1, reason("budget")))),
		},
		{
			name:  "p just under Alpha fires when it is the mode's only rule compared with chance",
			rules: []coach.Rule{rule("price", "reason_share", 0, 0, "price"), rule("ask", "guessed_reason", 0.99, 0)},
			nos:   join(repeat(9, ago(1, reason("price"))), repeat(11, ago(1, reason("other")))),
			want:  []said{{"price", "rule price about Price", "9 of 20 (45%) — 20% if reasons were spread evenly"}},
		},
		{
			name:  "the same p with two rules compared with chance does not (Alpha is shared)",
			rules: []coach.Rule{rule("price", "reason_share", 0, 0, "price"), rule("not-now", "kind_share", 0, 0, "not-now")},
			nos:   join(repeat(9, ago(1, reason("price"))), repeat(11, ago(1, reason("other")))),
		},
		{
			name:  "keys foreign to the mode count for nothing",
			rules: []coach.Rule{rule("price", "reason_share", 0, 0, "price", "made-up")},
			nos:   join(repeat(9, ago(1, reason("price"))), repeat(11, ago(1, reason("made-up")))),
			want:  []said{{"price", "rule price about Price", "9 of 20 (45%) — 9% if reasons were spread evenly"}},
		},
		{
			name:  "kind_share against the five kinds spread evenly",
			rules: []coach.Rule{rule("timing", "kind_share", 0.2, 2, "not-now", "not-this")},
			nos:   join(repeat(2, ago(1, kind(journal.KindNotThis))), repeat(10, ago(1, kind(journal.KindNotNow))), repeat(2, ago(1))),
			want:  []said{{"timing", "rule timing about Not now", "12 of 14 (86%) — 34% if kinds of no were spread evenly"}},
		},
		{
			name:  "kinds spread evenly fire nothing",
			rules: []coach.Rule{rule("timing", "kind_share", 0, 0, "not-now")},
			nos: join(repeat(6, ago(1, kind(journal.KindNotNow))), repeat(6, ago(1, kind(journal.KindNotThis))),
				repeat(6, ago(1, kind(journal.KindNotYou))), repeat(6, ago(1, kind(journal.KindNotUnderstood))),
				repeat(6, ago(1, kind(journal.KindFinal)))),
		},
		{
			name:  "the previous period's share is said when it had 10 No's",
			rules: []coach.Rule{rule("price", "reason_share", 0, 0, "price")},
			nos:   join(repeat(12, ago(1, reason("price"))), repeat(3, ago(1, reason("other"))), repeat(2, ago(40, reason("price"))), repeat(8, ago(40, reason("other")))),
			want:  []said{{"price", "rule price about Price", "12 of 15 (80%) — 20% if reasons were spread evenly; 20% the 30 days before"}},
		},
		{
			name:  "not from a previous period of fewer than 10 No's",
			rules: []coach.Rule{rule("price", "reason_share", 0, 0, "price")},
			nos:   join(repeat(12, ago(1, reason("price"))), repeat(3, ago(1, reason("other"))), repeat(9, ago(40, reason("price")))),
			want:  []said{{"price", "rule price about Price", "12 of 15 (80%) — 20% if reasons were spread evenly"}},
		},
		{
			name:  "tag_share matches case-insensitively and counts a No once",
			rules: []coach.Rule{rule("icp", "tag_share", 0.25, 3, "Outside-ICP", "outside-icp")},
			nos:   base(repeat(4, ago(1, tags("OUTSIDE-icp", "q4")))),
			want:  []said{{"icp", "rule icp about outside-icp", "4 of 14 (29%)"}},
		},
		{
			name:  "competitor_top names the most frequent competitor",
			rules: []coach.Rule{rule("rival", "competitor_top", 0.15, 3)},
			nos:   base(repeat(3, ago(1, competitor("Acme", "cheaper"))), repeat(3, ago(1, competitor("Beta", "")))),
			want:  []said{{"rival", "rule rival about Acme", "3 of 16 (19%)"}},
		},
		{
			name:  "competitor_top with no competitor",
			rules: []coach.Rule{rule("rival", "competitor_top", 0, 0)},
			nos:   base(),
		},
		{
			name:  "guessed_reason counts only guesses, and names the mode's who",
			rules: []coach.Rule{rule("ask", "guessed_reason", 0.5, 5)},
			nos: join(repeat(6, ago(1, assumed("price"), reasonText(""))),
				repeat(4, ago(1, reason("price"), assumed("price"), reasonText("")))),
			want: []said{{"ask", "rule ask about prospect", "6 of 10 (60%)"}},
		},
		{
			name:  "a reason picked from the list is theirs: ask-why stays quiet (was: never asked in 10 of 10)",
			rules: []coach.Rule{rule("ask", "guessed_reason", 0, 0)},
			nos:   repeat(10, ago(1, reason("price"), reasonText(""))),
		},
		{
			name:  "not enough No's: nothing fires",
			rules: []coach.Rule{rule("ask", "guessed_reason", 0, 1)},
			nos:   repeat(9, ago(1, assumed("price"))),
		},
		{
			name:  "outside the period does not count",
			rules: []coach.Rule{rule("price", "reason_share", 0.1, 1, "price")},
			nos:   base(repeat(10, ago(45, reason("price")))),
		},
		{
			name: "mode order, broken rules skipped",
			rules: []coach.Rule{
				rule("z-last", "reason_share", 0.1, 1, "other"),
				{ID: "bad-template", Metric: "reason_share", Keys: []string{"other"}, Text: "{{.Nope}}", Because: "x"},
				{ID: "bad-metric", Metric: "moon_phase", Text: "x", Because: "y"},
				rule("a-first", "guessed_reason", 0, 0),
			},
			nos: base(repeat(2, ago(1, assumed("price")))),
			want: []said{
				{"z-last", "rule z-last about Other", "10 of 12 (83%) — 17% if reasons were spread evenly"},
				{"a-first", "rule a-first about prospect", "2 of 12 (17%)"},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := compute("30d", tc.nos, testMode(tc.rules...))
			want := tc.want
			if want == nil {
				want = []said{}
			}
			if got := sayings(r.Suggestions); !reflect.DeepEqual(got, want) {
				t.Errorf("\n got %+v\nwant %+v", got, want)
			}
		})
	}
	if r := compute("30d", base(), nil); len(r.Suggestions) != 0 {
		t.Errorf("a nil mode suggests nothing")
	}
}

// TestSuggestionFigures checks the numbers behind a fired rule.
func TestSuggestionFigures(t *testing.T) {
	t.Parallel()
	mode := testMode(coach.Rule{ID: "price", Metric: "reason_share", Keys: []string{"price"}, Text: "x", Because: "y"})
	r := compute("30d", join(repeat(9, ago(1, reason("price"))), repeat(11, ago(1, reason("other")))), mode)
	if len(r.Suggestions) != 1 {
		t.Fatalf("suggestions %+v", r.Suggestions)
	}
	s := r.Suggestions[0]
	if s.Count != 9 || s.Total != 20 || s.Share != 0.45 || s.Chance == nil || *s.Chance != 0.2 || s.Prev != nil ||
		math.Abs(s.P-0.009981786320724304) > 1e-12 {
		t.Errorf("figures %+v", s)
	}
}

func TestCheckMode(t *testing.T) {
	t.Parallel()
	good := testMode(coach.Rule{ID: "ok", Metric: "reason_share", Keys: []string{"price"}, MinShare: 0.3,
		Text: "Price came up {{.Count}} times", Because: "{{.Percent}}% of {{.Total}} No's ({{.Name}})"})
	if err := CheckMode(good); err != nil {
		t.Errorf("good mode: %v", err)
	}
	if err := CheckMode(nil); err != nil {
		t.Errorf("nil mode: %v", err)
	}
	bad := testMode(
		coach.Rule{ID: "metric", Metric: "nope", Text: "x", Because: "y"},
		coach.Rule{ID: "keys", Metric: "reason_share", Text: "x", Because: "y"},
		coach.Rule{ID: "tpl", Metric: "competitor_top", Text: "{{.Who}}", Because: "{{"},
		coach.Rule{ID: "share", Metric: "competitor_top", MinShare: 30, Text: "x", Because: ""},
	)
	err := CheckMode(bad)
	for _, want := range []string{"rule metric", "rule keys", "rule tpl text", "rule tpl because", "rule share: min_share", "rule share has an empty because"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckMode error %v should mention %q", err, want)
		}
	}
}

func TestJSON(t *testing.T) {
	t.Parallel()
	nos := join(
		repeat(6, ago(1, reason("price"), kind(journal.KindNotThis), assumed("budget"), competitor("Acme", "cheaper"))),
		repeat(4, ago(2, reason("timing"), kind(journal.KindNotNow), yesAfter(3))),
		repeat(1, ago(9, reason("price"))),
	)
	mode := testMode(coach.Rule{ID: "price", Metric: "reason_share", Keys: []string{"price"}, MinShare: 0.3, MinCount: 3,
		Text: "Show the value before the price", Because: "price in {{.Percent}}% of No's"})
	b, err := json.Marshal(compute("7d", nos, mode))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"period":                `"7d"`,
		"total":                 `10`,
		"reasons":               `[{"change":5,"count":6,"label":"Price","prev":1,"reason":"price","share":0.6},{"change":4,"count":4,"label":"Timing","prev":0,"reason":"timing","share":0.4}]`,
		"kinds":                 `[{"change":6,"count":6,"kind":"not-this","label":"Not this","prev":0,"share":0.6},{"change":4,"count":4,"kind":"not-now","label":"Not now","prev":0,"share":0.4}]`,
		"competitors":           `[{"count":6,"name":"Acme","whys":["cheaper"]}]`,
		"turnaround_rate":       `0.4`,
		"median_days_to_yes":    `3`,
		"assumed_mismatch_rate": `null`, // 6 guesses checked: too few for a rate
		"guessed":               `0`,
		"suggestions":           `[{"because":"price in 60% of No's — 20% if reasons were spread evenly","chance":0.2,"count":6,"id":"price","previous_share":null,"share":0.6,"text":"Show the value before the price","total":10}]`,
		"enough":                `true`,
		"previous_total":        `1`,
	}
	// p is a float sum: checked to its precision, then left out of the comparison.
	if sug, ok := got["suggestions"].([]any); ok && len(sug) == 1 {
		m := sug[0].(map[string]any)
		if p, _ := m["p"].(float64); math.Abs(p-0.0063693824) > 1e-12 {
			t.Errorf("p = %v", m["p"])
		}
		delete(m, "p")
	}
	for k, w := range want {
		g, _ := json.Marshal(got[k])
		if string(g) != w {
			t.Errorf("%s = %s, want %s", k, g, w)
		}
	}

	// An empty journal still has every figure, with empty lists and nulls.
	b, _ = json.Marshal(compute("all", nil, nil))
	s := string(b)
	for _, part := range []string{`"reasons":[]`, `"kinds":[]`, `"competitors":[]`, `"suggestions":[]`,
		`"median_days_to_yes":null`, `"turnaround_rate":null`, `"assumed_mismatch_rate":null`, `"total":0`, `"period":"all"`,
		`"debriefs":{"nos":0,"reasons":[],"said":[]}`} {
		if !strings.Contains(s, part) {
			t.Errorf("empty report JSON lacks %s: %s", part, s)
		}
	}
	if strings.Contains(s, `"prev"`) || strings.Contains(s, "previous_total") {
		t.Errorf("all has no previous period: %s", s)
	}
}

// BenchmarkCompute shows the cost of a report over years of tallies.
func BenchmarkCompute(b *testing.B) {
	var nos []journal.No
	for i := range 5000 {
		nos = append(nos, ago(i%1000, reason([]string{"price", "budget", "timing", "other"}[i%4]),
			kind(journal.Kinds[i%5]), competitor(fmt.Sprint("C", i%7), "why"), feel(i%5+1, 1), tags("q4")))
	}
	days := Recompute(nos)
	mode := testMode(coach.Rule{ID: "p", Metric: "reason_share", Keys: []string{"price"}, Text: "x", Because: "y"})
	b.ResetTimer()
	for b.Loop() {
		Compute(Input{Period: Periods[3], Today: today, Days: days, Mode: mode})
	}
}
