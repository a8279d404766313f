package render

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/insights"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tui/common"
)

var show = flag.Bool("show", false, "print the rendered reports")

const today journal.Day = "2026-11-22"

type opt func(*journal.No)

func no(daysAgo int, reason string, kind journal.Kind, opts ...opt) journal.No {
	n := journal.No{Date: today.AddDays(-daysAgo), Who: "Acme", Mode: "sales", Reason: reason, Kind: kind, ReasonText: "x"}
	n.SetOutcome(journal.OutcomeOpen, n.Date.Time(time.UTC))
	for _, o := range opts {
		o(&n)
	}
	return n
}

func yes(after int) opt {
	return func(n *journal.No) { n.SetOutcome(journal.OutcomeYes, n.Date.AddDays(after).Time(time.UTC)) }
}

func rival(name, why string) opt {
	return func(n *journal.No) { n.Competitor, n.CompetitorWhy = name, why }
}

func guess(id string) opt { return func(n *journal.No) { n.Assumed = id } }

func sting(b, a int) opt { return func(n *journal.No) { n.Feeling, n.FeelingAfter = b, a } }

func reframe(n *journal.No) { n.Change, n.Lesson = "c", "l" }

var mode = &coach.Mode{
	ID: "sales",
	Words: coach.Words{Who: "prospect", Alternative: coach.Alternative{
		One: "competitor", Many: "competitors", Why: "why them", None: "No competitor named in this period."}},
	Reasons: []coach.Reason{
		{ID: "price", Label: "Price / too expensive"}, {ID: "budget", Label: "Budget"},
		{ID: "timing", Label: "Timing"}, {ID: "competitor", Label: "Chose a competitor"},
		{ID: "hidden-fees", Label: "Hidden fees / pricing confusion"},
	},
	Kinds: []coach.KindInfo{
		{Kind: journal.KindNotNow, Label: "Not now"}, {Kind: journal.KindNotThis, Label: "Not this"},
		{Kind: journal.KindNotYou, Label: "Not you"}, {Kind: journal.KindNotUnderstood, Label: "Not understood"},
		{Kind: journal.KindFinal, Label: "Final"},
	},
	Suggestions: []coach.Rule{
		{ID: "price", Metric: "reason_share", Keys: []string{"price", "budget"}, MinShare: 0.25, MinCount: 3,
			Text:    "Rework how you communicate value and ROI before the price comes up",
			Because: "{{.Name}} came up in {{.Percent}}% of No's ({{.Count}} of {{.Total}})"},
		{ID: "rival", Metric: "competitor_top", MinShare: 0.1, MinCount: 2,
			Text: "Study what {{.Name}} does better", Because: "{{.Name}} won {{.Count}} times"},
	},
}

// fullReport has enough No's for every section.
func fullReport() insights.Report {
	var nos []journal.No
	for i := range 8 {
		nos = append(nos, no(i*3, "price", journal.KindNotThis, guess("price"), sting(4, 2), reframe))
	}
	for i := range 5 {
		nos = append(nos, no(i*5, "budget", journal.KindNotNow, guess("price"), sting(3, 0), yes(10+i)))
	}
	for i := range 3 {
		nos = append(nos, no(i, "competitor", journal.KindNotYou, rival("Acme Corporation International", "cheaper and already integrated with their CRM"), sting(5, 3)))
	}
	nos = append(nos, no(2, "timing", journal.KindNotNow, rival("Beta", "local"), yes(3)))
	nos = append(nos, no(40, "timing", journal.KindNotNow), no(45, "price", journal.KindFinal), no(70, "price", journal.KindFinal, sting(2, 1)))
	p, _ := insights.ParsePeriod("30d")
	return insights.Compute(insights.Input{Period: p, Today: today, Days: insights.Recompute(nos), Mode: mode})
}

func report(period string, nos []journal.No) insights.Report {
	p, _ := insights.ParsePeriod(period)
	return insights.Compute(insights.Input{Period: p, Today: today, Days: insights.Recompute(nos), Mode: mode})
}

func checkWidth(t *testing.T, out string, width int) {
	t.Helper()
	for i, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, w, width, l)
		}
	}
}

func TestInsightsFitsWidth(t *testing.T) {
	t.Parallel()
	dark := common.NewStyles(true)
	reports := map[string]insights.Report{
		"full":  fullReport(),
		"empty": report("30d", nil),
		"one":   report("7d", []journal.No{no(0, "price", journal.KindNotThis, rival("Acme", "cheaper"), sting(4, 0), yes(0))}),
		"all":   report("all", []journal.No{no(400, "price", "")}),
		"bare": report("all", func() (nos []journal.No) {
			for i := range 10 {
				nos = append(nos, no(i*40, "", ""))
			}
			return nos
		}()),
	}
	for name, r := range reports {
		for _, width := range []int{120, 80, 60, 40, 30} {
			checkWidth(t, Insights(r, width, Themed(&dark)), width)
			out := Insights(r, width, Plain())
			checkWidth(t, out, width)
			if strings.Contains(out, "\x1b") {
				t.Errorf("plain output has escapes")
			}
			if *show {
				fmt.Printf("--- %s @%d\n%s\n", name, width, Insights(r, width, Plain()))
			}
		}
	}
}

func TestInsightsFull(t *testing.T) {
	t.Parallel()
	r := fullReport()
	if !r.Enough {
		t.Fatalf("fixture should have enough No's, has %d", r.Total)
	}
	out := Insights(r, 80, Plain())
	if strings.Contains(out, "\x1b") {
		t.Fatalf("Plain() output holds escape codes")
	}
	for _, want := range []string{
		"Insights · last 30 days · Oct 24 – Nov 22",
		"17 No's · 8 reframed (47%)",
		// The columns say what they count: "+4" is 4 No's more than the 30 days before.
		"Reasons  No's · share · change from the 30 days before\n  Price / too expensive",
		"Kinds of no  No's · share · change from the 30 days before\n  Not this",
		"Assumed vs real",
		"You assumed Price / too expensive 13 times; it was Price / too expensive 8\n  times. Most often it was really Budget (5).",
		"Trend · last 12 weeks",
		"max ",
		"Competitors\n  Competitor",
		"Acme Corporation In…    3",
		"cheaper and already integrated",
		"Turnaround\n  6 of 17 No's (35%) became maybe or yes; median 11.5 days from No to yes.",
		"By reason",
		"By kind",
		"Feeling\n  Sting 3.9 when it happened → 2.3 after reframing",
		"Suggestions\n  • Rework how you communicate value and ROI before the price comes up —",
		"• Study what Acme Corporation International does better — Acme Corporation",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q\n%s", want, out)
		}
	}
	if strings.Contains(out, "patterns appear") {
		t.Errorf("enough data should not say so")
	}
}

func TestInsightsTooLittle(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		report insights.Report
		want   []string
		absent []string
	}{
		{
			name:   "empty",
			report: report("30d", nil),
			want:   []string{"No No's in this period yet — log the next one while it is fresh."},
			absent: []string{"Reasons", "Trend", "Suggestions", "█"},
		},
		{
			name: "three No's",
			report: report("30d", []journal.No{
				no(1, "price", journal.KindNotThis, rival("Acme", "cheaper")),
				no(2, "price", "", yes(4), sting(4, 2)),
				no(3, "timing", journal.KindNotNow),
			}),
			want: []string{
				"3 No's so far — patterns appear after about 10",
				"Reasons: Price / too expensive 2 · Timing 1",
				"Kinds: Not now 1 · Not this 1",
				"Competitors: Acme 1",
				"1 of 3 No's became maybe or yes; median 4 days from No to yes.", // no rate from 3
				"Sting 4.0 when it happened → 2.0 after reframing",
			},
			absent: []string{"Trend", "Suggestions", "█", "▁"},
		},
		{
			name:   "one No",
			report: report("7d", []journal.No{no(0, "price", "")}),
			want:   []string{"1 No so far — patterns appear after about 10", "Reasons: Price / too expensive 1"},
			absent: []string{"became maybe", "Sting"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := Insights(tc.report, 80, Plain())
			lines := strings.Split(out, "\n")
			if len(lines) < 3 || !strings.Contains(lines[2]+lines[3], strings.Split(tc.report.Message, " — ")[0]) {
				t.Errorf("the message should come right after the header:\n%s", out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("lacks %q\n%s", w, out)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(out, a) {
					t.Errorf("should not show %q\n%s", a, out)
				}
			}
		})
	}
}

func TestCleanUserText(t *testing.T) {
	t.Parallel()
	// User text reaches the chart through textsafe: inert and one line. An
	// escape sequence goes whole ("Acme\x1b[31mRed" once showed "Acme[31mRed").
	for in, want := range map[string]string{
		"Acme\x1b[31mRed":  "Acme" + "Red 1",
		"line\nbreak\ttab": "line break tab 1",
		"bidi\u202eevil":   "bidievil 1",
		"bad\xffutf8":      "bad�utf8 1",
		"café 👩‍💻":         "café 👩‍💻 1",
	} {
		r := report("30d", []journal.No{no(1, "price", "", rival(in, ""))})
		if got := Insights(r, 80, Plain()); !strings.Contains(got, "Competitors: "+want) {
			t.Errorf("competitor %q: want %q in\n%s", in, want, got)
		}
	}
	// A competitor named with escape codes cannot colour or move the terminal.
	r := report("30d", []journal.No{no(1, "price", "", rival("\x1b[2JEvil\x1b]8;;http://x\x07", "why\x1b[0m"))})
	if out := Insights(r, 80, Plain()); strings.Contains(out, "\x1b") || strings.Contains(out, "\x07") {
		t.Errorf("user text leaked control characters: %q", out)
	}
}

// TestAssumedNoLead: mix-ups each seen once name no "most often".
func TestAssumedNoLead(t *testing.T) {
	t.Parallel()
	var nos []journal.No
	for i := range 10 {
		nos = append(nos, no(1, "price", journal.KindNotThis, guess("price"), func(n *journal.No) { n.Who = fmt.Sprint(i) }))
	}
	nos = append(nos, no(1, "budget", journal.KindNotNow, guess("price")), no(1, "timing", journal.KindNotNow, guess("budget")))
	out := Insights(report("30d", nos), 200, Plain())
	if strings.Contains(out, "Most often") || !strings.Contains(out, "missed the real reason in 17% of No's where they said it (2 of 12); no one mix-up stands out yet.") {
		t.Errorf("a tie of ones:\n%s", out)
	}
}

// TestGuessesAndDebriefs: guesses nobody checked are said as such (not as
// "never missed"), rates need 10 No's, and debrief answers are shown.
func TestGuessesAndDebriefs(t *testing.T) {
	t.Parallel()
	var nos []journal.No
	for i := range 12 {
		n := no(1, "", "", guess("price"))
		if i < 3 {
			n.Reason = "timing"
			n.Debrief = []journal.Answer{{Prompt: "why", Answer: "Bad timing"}}
		}
		if i == 11 {
			n.SetOutcome(journal.OutcomeMaybe, n.Date.Time(time.UTC))
		}
		nos = append(nos, n)
	}
	out := Insights(report("30d", nos), 200, Plain())
	for _, want := range []string{
		"9 No's have only your guess: ask why to learn the real reason.",
		"Your guess missed the real reason in 3 of 3 No's where they said it.",
		"Debriefs\n  3 No's with debrief answers: Timing 3.",
		"Heard more than once: “bad timing” (3).",
		"By reason  No's turned  rate  to yes\n  Timing        3      0     —       —", // no rate from 3
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "never missed") {
		t.Errorf("unchecked guesses read as right:\n%s", out)
	}
}

// Each mode names what they chose instead in its own words: a job seeker's
// insights list stronger profiles, never "Competitors".
func TestInsightsAlternativeSpeaksTheMode(t *testing.T) {
	t.Parallel()
	cat := coach.Default()
	for _, tc := range []struct{ mode, title, none string }{
		{"sales", "Competitors", "No competitor named in this period."},
		{"job", "Stronger profiles", "No stronger profile described in this period."},
		{"school", "Stronger work", "No stronger work described in this period."},
		{"personal", "Other plans", "No other plan named in this period."},
	} {
		m, err := cat.Mode(tc.mode)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := insights.ParsePeriod("30d")
		var nos, bare []journal.No
		for i := range 12 {
			n := journal.No{Date: today.AddDays(-i), Who: "X", Mode: tc.mode, Reason: "other"}
			bare = append(bare, n)
			if i < 3 {
				n.Competitor, n.CompetitorWhy = "An internal SRE", "knew the stack"
			}
			nos = append(nos, n)
		}
		full := Insights(insights.Compute(insights.Input{Period: p, Today: today, Days: insights.Recompute(nos), Mode: m}), 100, Plain())
		if !strings.Contains(full, tc.title+"\n") || !strings.Contains(full, "An internal SRE") {
			t.Errorf("%s: lacks the section %q:\n%s", tc.mode, tc.title, full)
		}
		if tc.mode != "sales" && strings.Contains(strings.ToLower(full), "competitor") {
			t.Errorf("%s: insights speak sales:\n%s", tc.mode, full)
		}
		brief := Insights(insights.Compute(insights.Input{Period: p, Today: today, Days: insights.Recompute(nos[:3]), Mode: m}), 100, Plain())
		if !strings.Contains(brief, tc.title+": An internal SRE 3") {
			t.Errorf("%s: the brief figures lack %q:\n%s", tc.mode, tc.title, brief)
		}
		empty := Insights(insights.Compute(insights.Input{Period: p, Today: today, Days: insights.Recompute(bare), Mode: m}), 100, Plain())
		if !strings.Contains(empty, tc.none) {
			t.Errorf("%s: lacks %q:\n%s", tc.mode, tc.none, empty)
		}
	}
}

// No rate from fewer than 10 No's: the header gives the counts alone.
func TestHeaderShowsNoRateBelowTen(t *testing.T) {
	for total, want := range map[int]string{1: "1 No · 1 reframed", 9: "9 No's · 4 reframed", 10: "10 No's · 4 reframed (40%)"} {
		reframed := 1
		if total > 1 {
			reframed = 4
		}
		out := ansi.Strip(Insights(insights.Report{Period: "7d", Total: total, Reframed: reframed}, 100, Plain()))
		if !strings.Contains(out, want) || (total < 10 && strings.Contains(out, "%")) {
			t.Errorf("%d No's: want %q without a rate:\n%s", total, want, out)
		}
	}
}
