package insights

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

func TestParsePeriod(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want Period
		err  bool
	}{
		{"7d", Period{Name: "7d", Days: 7}, false},
		{"30d", Period{Name: "30d", Days: 30}, false},
		{" 90D ", Period{Name: "90d", Days: 90}, false},
		{"all", Period{Name: "all", Days: 0}, false},
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
		{Period{Name: "7d", Days: 7}, "2026-11-16", today, "2026-11-09", "2026-11-15"},
		{Period{Name: "30d", Days: 30}, "2026-10-24", today, "2026-09-24", "2026-10-23"},
		{Period{Name: "90d", Days: 90}, "2026-08-25", today, "2026-05-27", "2026-08-24"},
		{Period{Name: "all", Days: 0}, "", today, "", ""},
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

// A median that falls in a bin wider than a day takes its No's as spread
// over the bin's days: two in the bin of days 22 to 28 sit at 23 and 27.
func TestMedianOfWideBins(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		hist map[int]int
		want float64
	}{
		{map[int]int{22: 2}, 25},
		{map[int]int{15: 1}, 18},
		{map[int]int{3: 1, 57: 3}, 61.5}, // 3 | 59, 64, 68
		{map[int]int{14: 1, 15: 1, 22: 1}, 18},
	} {
		if got := Median(tc.hist); got == nil || *got != tc.want {
			t.Errorf("Median(%v) = %v, want %v", tc.hist, deref(got), tc.want)
		}
	}
}

// TestAddWeekIgnoresADayOutsideTheTrend: a damaged tally's key that sorts
// like a date inside the trend but is none adds nothing (it once indexed
// the weeks at -15250 and crashed insights on a damaged journal).
func TestAddWeekIgnoresADayOutsideTheTrend(t *testing.T) {
	weeks := make([]tally.Day, TrendWeeks)
	start := TrendStart("2026-11-30")
	for _, day := range []journal.Day{"2026-11-3\x7f", "2026-1\x00-05", "2027-01-01", "2020-01-01"} {
		addWeek(weeks, start, day, &tally.Day{Nos: 1})
	}
	addWeek(weeks, start, "2026-11-30", &tally.Day{Nos: 2})
	total := 0
	for _, w := range weeks {
		total += w.Nos
	}
	if total != 2 || weeks[TrendWeeks-1].Nos != 2 {
		t.Errorf("weeks %+v", weeks)
	}
}
