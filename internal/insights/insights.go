// Package insights finds the patterns in a journal of No's: reasons and kinds
// against the previous period, assumed against real reasons, the weekly trend,
// competitors, turnaround, feelings and the mode's suggestions. It reads the
// store's per-day tallies, never the No's themselves, so a report costs about
// a millisecond for years of No's (see BenchmarkCompute). It is pure: no I/O,
// no terminal.
//
// This file is long (about 490 lines) on purpose: Compute and the sections
// of the report it fills read one pass over the tallies together, and
// splitting the pass would hide which counter feeds which section.
package insights

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/experiment"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// MinForPatterns is how many No's a period needs before its shares mean much;
// below it the report says so instead of drawing charts of noise.
const MinForPatterns = 10

// TrendWeeks is how many weeks the trend covers, the current week last.
const TrendWeeks = 12

// MaxWhys caps the reasons listed per competitor.
const MaxWhys = 5

// Input is what Compute needs.
type Input struct {
	Period Period
	Today  journal.Day
	// Days are the store's tallies; they must cover the period, the previous
	// period and the last TrendWeeks weeks (or everything for "all").
	Days map[journal.Day]tally.Day
	// Trend, when set, are the tallies the trend's weeks read instead of
	// Days (only their No's, reframed and feeling counts): for "all", Days
	// may then be sums over months under any key in the period.
	Trend map[journal.Day]tally.Day
	// Mode gives labels and suggestion rules; nil shows ids and suggests nothing.
	Mode *coach.Mode
	// ReferralYes and Kept are read beside the tallies (see Thinking):
	// the period's wins through a referral, and its reflections by
	// intention_kept.
	ReferralYes int
	Kept        map[journal.IntentionKept]int
}

// Count is one bar: a reason or a kind of no in the period.
type Count struct {
	ID    string
	Label string
	Count int
	// Share is Count over the period's No's (not over those with this field set).
	Share float64
	// Prev is the count in the previous period and Change is Count-Prev; both
	// mean something only when Compared (a previous period exists and had No's).
	Prev     int
	Change   int
	Compared bool
}

// Mismatch is the assumed-but-wrong reason that leads (see topMismatch).
type Mismatch struct {
	Assumed, Real           string // reason ids
	AssumedLabel, RealLabel string
	// Count is the No's where Assumed was assumed and Real was the real reason.
	Count int
	// AssumedTimes is how often Assumed was assumed; ActualTimes how often it
	// was the real reason ("you assumed price 9 times; it was price 3 times").
	AssumedTimes, ActualTimes int
}

// Competitor is a competitor named in the period's No's.
type Competitor struct {
	Name  string
	Count int
	// Whys are the reasons given for choosing them, most frequent first (at most MaxWhys).
	Whys []string
}

// Turnaround is how often the No's of one reason or kind became maybe or yes.
type Turnaround struct {
	ID, Label       string
	Nos, Turned     int
	Rate            float64
	MedianDaysToYes *float64
}

// Week is one week of the trend, Monday to Sunday.
type Week struct {
	Start    journal.Day
	Nos      int
	Reframed int
}

// FeelingWeek is the average sting (1-5) of one week's No's; nil when none was rated.
type FeelingWeek struct {
	Start         journal.Day
	Before, After *float64
}

// Suggestion is a mode's rule that fired, with the figures that fired it.
type Suggestion struct {
	ID, Text, Because string
	// Count of the period's Total No's (Share) are what the rule is about.
	Count, Total int
	Share        float64
	// Chance is the share the rule's reasons (kinds) would have if the
	// period's reasons (kinds) were spread evenly, and P how often chance
	// alone gives Count or more; Prev is the previous period's share when
	// it had MinForPatterns No's. All nil (P 0) for rules not compared
	// with chance (tags, competitors, guesses).
	Chance, Prev *float64
	P            float64
}

// Report is everything the insights screen and `rebound insights` show.
type Report struct {
	Period   string
	From, To journal.Day // From is "" for "all"
	// Total counts the period's No's (wins are not No's); Reframed those reframed.
	Total, Reframed int
	// HasPrevious is set when a previous period exists; PrevTotal counts its No's.
	HasPrevious bool
	PrevTotal   int

	Reasons, Kinds []Count

	// Assumed counts No's with an assumed reason; Guessed those of them with
	// no reason they said (a guess nobody checked), Mismatched those whose
	// real reason differs. AssumedMismatchRate is Mismatched over the
	// guesses that could be checked (Assumed-Guessed).
	Assumed, Guessed, Mismatched int
	AssumedMismatchRate          float64
	// TopMismatch is nil until one mix-up leads (strictly, at least twice).
	TopMismatch *Mismatch

	Competitors []Competitor

	// Turned counts the period's No's whose outcome ever reached maybe or
	// yes (wins logged without a No are not No's). TurnaroundRate is
	// Turned/Total; like each Turnaround's Rate it is shown only when
	// RateShown (MinForPatterns No's).
	Turned          int
	TurnaroundRate  float64
	Yeses           int
	MedianDaysToYes *float64
	ByReason        []Turnaround
	ByKind          []Turnaround

	FeelingBefore, FeelingAfter *float64
	FeelingTrend                []FeelingWeek
	Weeks                       []Week

	Suggestions []Suggestion

	// Debriefs counts what debrief calls said, next to the reasons.
	Debriefs Debriefs

	// Thinking is the thought record, referrals, stages, mistakes,
	// decision drivers and intentions kept (thinking.go).
	Thinking Thinking

	// Experiments are the mode's experiments, each over its own windows
	// whatever the period (experiments.go).
	Experiments []experiment.Report

	// Enough is Total >= MinForPatterns; otherwise Message says so plainly.
	Enough  bool
	Message string

	// Words are the mode's, so the report names what they chose instead
	// in the mode's terms (competitors, stronger profiles, other plans).
	Words coach.Words
}

// Compute builds the report for in.Period from the tallies.
func Compute(in Input) Report {
	today := in.Today
	from, to := in.Period.Range(today)
	pfrom, pto := in.Period.Previous(today)
	hasPrev := pto != ""
	trendStart := TrendStart(today)

	var cur, prev tally.Day
	weeks := make([]tally.Day, TrendWeeks)
	for day, t := range in.Days {
		if day > today {
			continue // a No dated in the future is not part of any past period
		}
		if day >= from && day <= to {
			cur.Merge(&t)
		}
		if hasPrev && day >= pfrom && day <= pto {
			prev.Merge(&t)
		}
		if in.Trend == nil && day >= trendStart {
			addWeek(weeks, trendStart, day, &t)
		}
	}
	for day, t := range in.Trend {
		if day >= trendStart && day <= today {
			addWeek(weeks, trendStart, day, &t)
		}
	}

	l := labels{mode: in.Mode}
	r := Report{
		Period:      in.Period.Name,
		From:        from,
		To:          to,
		Total:       cur.Nos,
		Reframed:    cur.Reframed,
		HasPrevious: hasPrev,
		PrevTotal:   prev.Nos,
		Enough:      cur.Nos >= MinForPatterns,
	}
	r.Message = message(r.Total)
	if in.Mode != nil {
		r.Words = in.Mode.Words
	}
	compared := hasPrev && prev.Nos > 0
	r.Reasons = counts(cur.Reasons, prev.Reasons, cur.Nos, compared, l.reason)
	r.Kinds = counts(cur.Kinds, prev.Kinds, cur.Nos, compared, l.kind)

	r.Assumed, r.Guessed = cur.Assumed, cur.Guessed
	for _, n := range cur.Mismatches {
		r.Mismatched += n
	}
	r.AssumedMismatchRate = ratio(r.Mismatched, r.Assumed-r.Guessed)
	r.TopMismatch = topMismatch(&cur, l)

	r.Competitors = competitors(&cur)

	r.Turned = cur.Turned["all"]
	r.TurnaroundRate = ratio(r.Turned, r.Total)
	r.Yeses = histTotal(cur.YesDays[""])
	r.MedianDaysToYes = Median(cur.YesDays[""])
	r.ByReason = turnarounds(&cur, "reason:", cur.Reasons, l.reason)
	r.ByKind = turnarounds(&cur, "kind:", cur.Kinds, l.kind)

	r.Debriefs = debriefs(&cur, l)
	r.Thinking = thinking(&cur, &prev, compared, in, l)

	r.FeelingBefore = avg(cur.FeelingSum, cur.FeelingN)
	r.FeelingAfter = avg(cur.FeelingAfterSum, cur.FeelingAfterN)
	r.Weeks = make([]Week, TrendWeeks)
	r.FeelingTrend = make([]FeelingWeek, TrendWeeks)
	for i, w := range weeks {
		start := trendStart.AddDays(7 * i)
		r.Weeks[i] = Week{Start: start, Nos: w.Nos, Reframed: w.Reframed}
		r.FeelingTrend[i] = FeelingWeek{Start: start, Before: avg(w.FeelingSum, w.FeelingN), After: avg(w.FeelingAfterSum, w.FeelingAfterN)}
	}

	r.Suggestions = []Suggestion{}
	if r.Enough && in.Mode != nil {
		env := ruleEnv{cur: &cur, prev: &prev, prevOK: hasPrev, period: in.Period, comps: r.Competitors, l: l}
		for _, rule := range in.Mode.Suggestions {
			if chanceTested(rule.Metric) {
				env.tests++
			}
		}
		for _, rule := range in.Mode.Suggestions {
			if s, ok := evaluate(rule, env); ok {
				r.Suggestions = append(r.Suggestions, s)
			}
		}
	}
	return r
}

// TrendStart is the Monday the trend's TrendWeeks weeks start on.
func TrendStart(today journal.Day) journal.Day {
	return today.WeekStart().AddDays(-7 * (TrendWeeks - 1))
}

// addWeek adds a day's counts to its week of the trend. A day outside
// the trend (a damaged tally's key that only sorts like a date) adds
// nothing: doctor names it.
func addWeek(weeks []tally.Day, start, day journal.Day, t *tally.Day) {
	i := start.DaysUntil(day)
	if !day.Valid() || i < 0 || i/7 >= len(weeks) {
		return
	}
	w := &weeks[i/7]
	w.Nos += t.Nos
	w.Reframed += t.Reframed
	w.FeelingSum += t.FeelingSum
	w.FeelingN += t.FeelingN
	w.FeelingAfterSum += t.FeelingAfterSum
	w.FeelingAfterN += t.FeelingAfterN
}

// message says plainly how far the period is from showing patterns.
func message(total int) string {
	switch {
	case total >= MinForPatterns:
		return ""
	case total == 0:
		return "No No's in this period yet — log the next one while it is fresh."
	case total == 1:
		return fmt.Sprintf("1 No so far — patterns appear after about %d", MinForPatterns)
	}
	return fmt.Sprintf("%d No's so far — patterns appear after about %d", total, MinForPatterns)
}

// labels names reason and kind ids in the mode's words, falling back to the id
// (tallies span modes, so an id may be foreign to the current mode).
type labels struct{ mode *coach.Mode }

func (l labels) reason(id string) string {
	if l.mode != nil {
		for _, r := range l.mode.Reasons {
			if r.ID == id && r.Label != "" {
				return r.Label
			}
		}
	}
	return id
}

func (l labels) kind(id string) string {
	if l.mode != nil {
		for _, k := range l.mode.Kinds {
			if string(k.Kind) == id && k.Label != "" {
				return k.Label
			}
		}
	}
	return id
}

// counts lists the ids present in the period, count desc then id asc.
func counts(cur, prev map[string]int, total int, compared bool, label func(string) string) []Count {
	out := make([]Count, 0, len(cur))
	for id, n := range cur {
		if n <= 0 {
			continue
		}
		c := Count{ID: id, Label: label(id), Count: n, Share: ratio(n, total), Compared: compared}
		if compared {
			c.Prev = prev[id]
			c.Change = n - c.Prev
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// topMismatch is the assumed>real pair that leads: strictly more often
// than any other, and at least twice. A tie of ones is no pattern, so it
// names nothing until one mix-up comes up again.
func topMismatch(t *tally.Day, l labels) *Mismatch {
	var best string
	bn, tied := 0, false
	for k, n := range t.Mismatches {
		switch {
		case n > bn:
			best, bn, tied = k, n, false
		case n == bn:
			tied = true
		}
	}
	if tied || bn < 2 {
		return nil
	}
	assumed, real, ok := strings.Cut(best, ">")
	if !ok {
		return nil
	}
	return &Mismatch{
		Assumed: assumed, Real: real,
		AssumedLabel: l.reason(assumed), RealLabel: l.reason(real),
		Count:        bn,
		AssumedTimes: t.AssumedBy[assumed],
		ActualTimes:  t.Reasons[assumed],
	}
}

// competitors groups names case-insensitively ("Acme" and "acme" are one
// rival), shown in their most frequent spelling.
func competitors(t *tally.Day) []Competitor {
	type group struct {
		spellings map[string]int
		count     int
		whys      map[string]int
	}
	groups := map[string]*group{}
	for name, n := range t.Competitors {
		key := strings.ToLower(name)
		g := groups[key]
		if g == nil {
			g = &group{spellings: map[string]int{}, whys: map[string]int{}}
			groups[key] = g
		}
		g.spellings[name] += n
		g.count += n
		for why, c := range t.CompetitorWhys[name] {
			g.whys[why] += c
		}
	}
	out := make([]Competitor, 0, len(groups))
	for _, g := range groups {
		if g.count <= 0 {
			continue
		}
		name := topKeys(g.spellings, 1)[0]
		out = append(out, Competitor{Name: name, Count: g.count, Whys: topKeys(g.whys, MaxWhys)})
	}
	slices.SortFunc(out, func(a, b Competitor) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// topKeys returns up to n keys with positive counts, count desc then key asc.
func topKeys(m map[string]int, n int) []string {
	keys := make([]string, 0, len(m))
	for k, c := range m {
		if c > 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
	if len(keys) > n {
		keys = keys[:n]
	}
	return keys
}

// turnarounds lists, for each id present, how many of its No's turned, best
// rate first (then more No's, then id) so the ones worth following up lead.
func turnarounds(t *tally.Day, prefix string, nos map[string]int, label func(string) string) []Turnaround {
	out := make([]Turnaround, 0, len(nos))
	for id, n := range nos {
		if n <= 0 {
			continue
		}
		turned := t.Turned[prefix+id]
		out = append(out, Turnaround{
			ID: id, Label: label(id), Nos: n, Turned: turned,
			Rate:            ratio(turned, n),
			MedianDaysToYes: Median(t.YesDays[prefix+id]),
		})
	}
	slices.SortFunc(out, func(a, b Turnaround) int {
		return cmp.Or(cmp.Compare(b.Rate, a.Rate), cmp.Compare(b.Nos, a.Nos), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// RateShown reports whether a rate over n No's is worth showing: below
// MinForPatterns the counts are shown, never a rate.
func RateShown(n int) bool { return n >= MinForPatterns }

// Median of a histogram of days to a yes (the first day of a bin, see
// tally.YesBins -> count); the mean of the two middle values when the
// count is even; nil when empty. Within a bin wider than a day its No's are
// taken as spread evenly over its days, so the median is exact to the day
// for the first two weeks and within half a bin beyond.
func Median(hist map[int]int) *float64 {
	n := histTotal(hist)
	if n == 0 {
		return nil
	}
	vals := make([]int, 0, len(hist))
	for v, c := range hist {
		if c > 0 {
			vals = append(vals, v)
		}
	}
	slices.Sort(vals)
	// nth is the value at 0-based position i of the expanded, sorted list:
	// the j-th of a bin's c No's sits at the middle of its share of the days.
	nth := func(i int) int {
		for _, v := range vals {
			if c := hist[v]; i < c {
				w := tally.YesBinEnd(v) - v
				return v + (2*i+1)*w/(2*c)
			}
			i -= hist[v]
		}
		return vals[len(vals)-1]
	}
	m := float64(nth((n-1)/2)+nth(n/2)) / 2
	return &m
}

func histTotal(hist map[int]int) int {
	n := 0
	for _, c := range hist {
		if c > 0 {
			n += c
		}
	}
	return n
}

func ratio(n, d int) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / float64(d)
}

func avg(sum, n int) *float64 {
	if n <= 0 {
		return nil
	}
	a := float64(sum) / float64(n)
	return &a
}

// Percent rounds a share to a whole percent (half away from zero), as every
// view and template shows it.
func Percent(share float64) int { return int(math.Round(share * 100)) }

// Recompute builds per-day tallies by decoding every No: the slow reference
// that tests compare with the store's incrementally kept tallies.
func Recompute(nos []journal.No) map[journal.Day]tally.Day {
	days := map[journal.Day]tally.Day{}
	for i := range nos {
		d := days[nos[i].Date]
		d.Add(&nos[i], 1)
		days[nos[i].Date] = d
	}
	return days
}
