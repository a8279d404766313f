package insights

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

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
