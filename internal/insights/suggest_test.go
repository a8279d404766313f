package insights

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

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
