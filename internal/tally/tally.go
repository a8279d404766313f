// Package tally keeps per-day aggregates of No's (counts by reason, kind,
// outcome, competitor...). The store updates a day's tally in the same
// transaction as every write, so insights and streaks read a few hundred
// small tallies instead of decoding every No.
package tally

import (
	"slices"
	"strconv"
	"strings"

	"github.com/rebound-coach/rebound/internal/journal"
)

// Day is the aggregate of the No's dated on one day. Maps never hold zeros.
type Day struct {
	Nos      int `json:"nos"`
	Reframed int `json:"reframed,omitempty"`
	// Reasons, Kinds, Outcomes count No's by id ("" when unset is not counted).
	Reasons  map[string]int `json:"reasons,omitempty"`
	Kinds    map[string]int `json:"kinds,omitempty"`
	Outcomes map[string]int `json:"outcomes,omitempty"`
	// Assumed counts No's with an assumed reason; Mismatches keys "assumed>real".
	Assumed    int            `json:"assumed,omitempty"`
	AssumedBy  map[string]int `json:"assumed_by,omitempty"`
	Mismatches map[string]int `json:"mismatches,omitempty"`
	// NoReasonText counts No's with no reason in their own words (reason_text empty).
	NoReasonText int `json:"no_reason_text,omitempty"`
	// Guessed counts No's whose only reason is the user's guess: an assumed
	// reason and no reason they said. "Ask why" counts these.
	Guessed int `json:"guessed,omitempty"`
	// Competitors by display name; CompetitorWhys[name][why] counts the reasons given.
	Competitors    map[string]int            `json:"competitors,omitempty"`
	CompetitorWhys map[string]map[string]int `json:"competitor_whys,omitempty"`
	// Turned counts No's whose outcome ever reached maybe or yes (now or in
	// their history), overall ("all") and by "reason:<id>" / "kind:<id>".
	Turned map[string]int `json:"turned,omitempty"`
	// YesDays counts the days from No to yes in fixed bins (keyed by the
	// bin's first day, see YesBin), overall ("") and by "reason:<id>" /
	// "kind:<id>": a day's tally holds at most len(YesBins) counts per key
	// however many No's it has.
	YesDays map[string]map[int]int `json:"yes_days,omitempty"`
	// Feeling sums and counts (1-5 scale) before and after reframing.
	FeelingSum      int            `json:"feeling_sum,omitempty"`
	FeelingN        int            `json:"feeling_n,omitempty"`
	FeelingAfterSum int            `json:"feeling_after_sum,omitempty"`
	FeelingAfterN   int            `json:"feeling_after_n,omitempty"`
	Tags            map[string]int `json:"tags,omitempty"`
	// FollowUpsOpen counts No's with a follow-up date not yet done.
	FollowUpsOpen int `json:"follow_ups_open,omitempty"`
	// Debriefed counts No's with at least one debrief answer; DebriefReasons
	// their reasons (what they said), and DebriefSaid the short answers
	// (folded, each counted once per No; see SaidKey) so that an answer
	// heard again can be shown.
	Debriefed      int            `json:"debriefed,omitempty"`
	DebriefReasons map[string]int `json:"debrief_reasons,omitempty"`
	DebriefSaid    map[string]int `json:"debrief_said,omitempty"`
	// The thought record (issue 17), counted on reframes (reframed No's):
	// ThoughtRecords those with one (ThoughtRecorded), Traps each trap once
	// per reframe, and StingDrops the reframes rated before and after by
	// "with:<drop>" / "without:<drop>" (drop = feeling - feeling_after, at
	// most 18 keys however many No's).
	ThoughtRecords int            `json:"thought_records,omitempty"`
	Traps          map[string]int `json:"traps,omitempty"`
	StingDrops     map[string]int `json:"sting_drops,omitempty"`
	// ReferralAsked counts No's where a referral was asked for (or given:
	// a name means it was asked); ReferralGiven those that named someone.
	ReferralAsked int `json:"referral_asked,omitempty"`
	ReferralGiven int `json:"referral_given,omitempty"`
	// Stages and Mistakes count No's by id; PreparedN those that say how
	// they prepared, Prepared their short answers (folded, see SaidKey);
	// SecondaryReasons the other decision drivers, each once per No and
	// never the No's own reason.
	Stages           map[string]int `json:"stages,omitempty"`
	Mistakes         map[string]int `json:"mistakes,omitempty"`
	PreparedN        int            `json:"prepared_n,omitempty"`
	Prepared         map[string]int `json:"prepared,omitempty"`
	SecondaryReasons map[string]int `json:"secondary_reasons,omitempty"`
}

// Field names one group of counters of a Day.
type Field uint8

// The fields of a Day, in declaration order.
const (
	FieldNos Field = iota + 1
	FieldReframed
	FieldReasons
	FieldKinds
	FieldOutcomes
	FieldAssumed
	FieldAssumedBy
	FieldMismatches
	FieldNoReasonText
	FieldCompetitors
	FieldCompetitorWhys
	FieldTurned
	FieldYesDays
	FieldFeelingSum
	FieldFeelingN
	FieldFeelingAfterSum
	FieldFeelingAfterN
	FieldTags
	FieldFollowUpsOpen
	FieldGuessed
	FieldDebriefed
	FieldDebriefReasons
	FieldDebriefSaid
	FieldThoughtRecords
	FieldTraps
	FieldStingDrops
	FieldReferralAsked
	FieldReferralGiven
	FieldStages
	FieldMistakes
	FieldPreparedN
	FieldPrepared
	FieldSecondaryReasons
)

// Counter names one counter of a Day: its field, and for map fields the
// key (CompetitorWhys: competitor, Sub the why; YesDays: Key, Days).
// A Day is the sum of its No's counters, which lets doctor compare a
// stored tally with its No's through an order-free fingerprint instead of
// rebuilding every tally in memory.
type Counter struct {
	Field Field
	Key   string
	Sub   string
	Days  int
}

// Each calls f with every counter one No adds to its day's tally and by
// how much. Add is built on it, so the two cannot drift apart.
func Each(n *journal.No, f func(Counter, int)) {
	one := func(field Field, key string) {
		if key != "" {
			f(Counter{Field: field, Key: key}, 1)
		}
	}
	f(Counter{Field: FieldNos}, 1)
	if n.Reframed() {
		f(Counter{Field: FieldReframed}, 1)
	}
	one(FieldReasons, n.Reason)
	one(FieldKinds, string(n.Kind))
	one(FieldOutcomes, string(n.Outcome))
	if n.Assumed != "" {
		f(Counter{Field: FieldAssumed}, 1)
		one(FieldAssumedBy, n.Assumed)
		if n.Reason != "" && n.Reason != n.Assumed {
			one(FieldMismatches, n.Assumed+">"+n.Reason)
		}
	}
	if strings.TrimSpace(n.ReasonText) == "" {
		f(Counter{Field: FieldNoReasonText}, 1)
	}
	if n.Assumed != "" && n.Reason == "" {
		f(Counter{Field: FieldGuessed}, 1)
	}
	if c := CompetitorName(n.Competitor); c != "" {
		one(FieldCompetitors, c)
		if why := strings.TrimSpace(n.CompetitorWhy); why != "" {
			f(Counter{Field: FieldCompetitorWhys, Key: c, Sub: why}, 1)
		}
	}
	if Turned(n) {
		if n.Reason != "" {
			one(FieldTurned, "reason:"+n.Reason)
		}
		if n.Kind != "" {
			one(FieldTurned, "kind:"+string(n.Kind))
		}
		one(FieldTurned, "all")
	}
	if yes := n.YesAt(); !yes.IsZero() {
		// UTC, not Local: the -1 of a later edit must cancel the +1 exactly
		// even if TZ changed in between.
		days := YesBin(n.Date.DaysUntil(journal.DayOf(yes.UTC())))
		f(Counter{Field: FieldYesDays, Days: days}, 1)
		if n.Reason != "" {
			f(Counter{Field: FieldYesDays, Key: "reason:" + n.Reason, Days: days}, 1)
		}
		if n.Kind != "" {
			f(Counter{Field: FieldYesDays, Key: "kind:" + string(n.Kind), Days: days}, 1)
		}
	}
	if n.Feeling > 0 {
		f(Counter{Field: FieldFeelingSum}, n.Feeling)
		f(Counter{Field: FieldFeelingN}, 1)
	}
	if n.FeelingAfter > 0 {
		f(Counter{Field: FieldFeelingAfterSum}, n.FeelingAfter)
		f(Counter{Field: FieldFeelingAfterN}, 1)
	}
	for _, t := range n.Tags {
		one(FieldTags, strings.ToLower(t))
	}
	if !n.FollowUp.IsZero() && !n.FollowUpDone {
		f(Counter{Field: FieldFollowUpsOpen}, 1)
	}
	if said := debriefSaid(n); said != nil {
		f(Counter{Field: FieldDebriefed}, 1)
		one(FieldDebriefReasons, n.Reason)
		for _, k := range said {
			one(FieldDebriefSaid, k)
		}
	}
	eachThought(n, f)
}

// eachThought is Each's part for issue 17's fields. It allocates nothing:
// doctor runs it on every No.
func eachThought(n *journal.No, f func(Counter, int)) {
	one := func(field Field, key string) {
		if key != "" {
			f(Counter{Field: field, Key: key}, 1)
		}
	}
	if n.Reframed() {
		rec := ThoughtRecorded(n)
		if rec {
			f(Counter{Field: FieldThoughtRecords}, 1)
		}
		for i, t := range n.Traps {
			if !slices.Contains(n.Traps[:i], t) {
				one(FieldTraps, t)
			}
		}
		if n.Feeling > 0 && n.FeelingAfter > 0 {
			one(FieldStingDrops, StingKey(rec, n.Feeling-n.FeelingAfter))
		}
	}
	given := strings.TrimSpace(n.Referral) != ""
	if n.ReferralAsked || given {
		f(Counter{Field: FieldReferralAsked}, 1)
	}
	if given {
		f(Counter{Field: FieldReferralGiven}, 1)
	}
	one(FieldStages, n.Stage)
	one(FieldMistakes, n.Mistake)
	if p := strings.TrimSpace(n.Prepared); p != "" {
		f(Counter{Field: FieldPreparedN}, 1)
		one(FieldPrepared, SaidKey(p))
	}
	for i, r := range n.SecondaryReasons {
		if r != n.Reason && !slices.Contains(n.SecondaryReasons[:i], r) {
			one(FieldSecondaryReasons, r)
		}
	}
}

// ThoughtRecorded reports whether n has any of the thought record: the
// thought, a trap, evidence either way or a balanced thought.
func ThoughtRecorded(n *journal.No) bool {
	return len(n.Traps) > 0 || strings.TrimSpace(n.Thought) != "" || strings.TrimSpace(n.EvidenceFor) != "" ||
		strings.TrimSpace(n.EvidenceAgainst) != "" || strings.TrimSpace(n.Balanced) != ""
}

// stingKeys are the StingDrops keys, so that counting one allocates nothing.
var stingKeys = func() (k [2][9]string) {
	for d := -4; d <= 4; d++ {
		k[0][d+4] = "without:" + strconv.Itoa(d)
		k[1][d+4] = "with:" + strconv.Itoa(d)
	}
	return k
}()

// StingKey is the StingDrops key of a drop (-4..4 on the 1-5 scale) with
// or without the thought record.
func StingKey(with bool, drop int) string {
	i := 0
	if with {
		i = 1
	}
	if drop >= -4 && drop <= 4 {
		return stingKeys[i][drop+4]
	}
	if with {
		return "with:" + strconv.Itoa(drop)
	}
	return "without:" + strconv.Itoa(drop)
}

// YesBins are the first days of the bins YesDays counts in: a day each for
// the first two weeks, then a week each to eight weeks, then wider. A
// median read from them (insights.Median) is exact to the day up to two
// weeks and within half a bin beyond.
var YesBins = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
	15, 22, 29, 36, 43, 50, 57, 71, 85, 99, 120, 150, 180, 240, 300, 365, 545, 730}

// YesBin is the first day of the bin that days falls in (negative: 0).
func YesBin(days int) int {
	i, _ := slices.BinarySearch(YesBins, max(0, days)+1)
	return YesBins[i-1]
}

// YesBinEnd is the first day after the bin that starts at or holds v: the
// bin of 730 days and more ends a year later.
func YesBinEnd(v int) int {
	i, _ := slices.BinarySearch(YesBins, max(0, v)+1)
	if i == len(YesBins) {
		return max(v, YesBins[len(YesBins)-1]) + 365
	}
	return YesBins[i]
}

// Turned reports whether n's outcome ever reached maybe or yes: a No that
// came back to maybe and was later let go still turned around once.
func Turned(n *journal.No) bool {
	if n.Outcome == journal.OutcomeMaybe || n.Outcome == journal.OutcomeYes {
		return true
	}
	for _, c := range n.OutcomeHistory {
		if c.Outcome == journal.OutcomeMaybe || c.Outcome == journal.OutcomeYes {
			return true
		}
	}
	return false
}

// MaxSaid is the longest debrief answer (in bytes, once folded) kept as a
// key of DebriefSaid: a short answer may be heard again ("the price"),
// a paragraph never is, and tallies stay small.
const MaxSaid = 80

// SaidKey folds a debrief answer for counting: lower case, inner space
// collapsed, trailing punctuation dropped; "" when empty or too long.
func SaidKey(answer string) string {
	s := strings.ToLower(strings.Join(strings.Fields(answer), " "))
	s = strings.TrimRight(s, ".!?;,… ")
	if len(s) > MaxSaid {
		return ""
	}
	return s
}

// debriefSaid is nil when n has no debrief answer, else its short answers'
// keys, each once (an empty list when every answer is long).
func debriefSaid(n *journal.No) []string {
	var out []string
	answered := false
	for _, a := range n.Debrief {
		if strings.TrimSpace(a.Answer) == "" {
			continue
		}
		answered = true
		if k := SaidKey(a.Answer); k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	if !answered {
		return nil
	}
	if out == nil {
		out = []string{}
	}
	return out
}

// Add counts n into d with sign +1 (a No written) or -1 (the old version removed).
func (d *Day) Add(n *journal.No, sign int) {
	Each(n, func(c Counter, v int) { d.apply(c, sign*v) })
}

// Counters calls f with every non-zero counter of d. With Each it is
// the other half of the fingerprint; TestCountersCoverEveryField fails
// when Day gains a field missing here.
func (d *Day) Counters(f func(Counter, int)) {
	ints := func(field Field, v int) {
		if v != 0 {
			f(Counter{Field: field}, v)
		}
	}
	keyed := func(field Field, m map[string]int) {
		for k, v := range m {
			f(Counter{Field: field, Key: k}, v)
		}
	}
	ints(FieldNos, d.Nos)
	ints(FieldReframed, d.Reframed)
	keyed(FieldReasons, d.Reasons)
	keyed(FieldKinds, d.Kinds)
	keyed(FieldOutcomes, d.Outcomes)
	ints(FieldAssumed, d.Assumed)
	keyed(FieldAssumedBy, d.AssumedBy)
	keyed(FieldMismatches, d.Mismatches)
	ints(FieldNoReasonText, d.NoReasonText)
	keyed(FieldCompetitors, d.Competitors)
	for c, whys := range d.CompetitorWhys {
		for why, v := range whys {
			f(Counter{Field: FieldCompetitorWhys, Key: c, Sub: why}, v)
		}
	}
	keyed(FieldTurned, d.Turned)
	for k, days := range d.YesDays {
		for n, v := range days {
			f(Counter{Field: FieldYesDays, Key: k, Days: n}, v)
		}
	}
	ints(FieldFeelingSum, d.FeelingSum)
	ints(FieldFeelingN, d.FeelingN)
	ints(FieldFeelingAfterSum, d.FeelingAfterSum)
	ints(FieldFeelingAfterN, d.FeelingAfterN)
	keyed(FieldTags, d.Tags)
	ints(FieldFollowUpsOpen, d.FollowUpsOpen)
	ints(FieldGuessed, d.Guessed)
	ints(FieldDebriefed, d.Debriefed)
	keyed(FieldDebriefReasons, d.DebriefReasons)
	keyed(FieldDebriefSaid, d.DebriefSaid)
	ints(FieldThoughtRecords, d.ThoughtRecords)
	keyed(FieldTraps, d.Traps)
	keyed(FieldStingDrops, d.StingDrops)
	ints(FieldReferralAsked, d.ReferralAsked)
	ints(FieldReferralGiven, d.ReferralGiven)
	keyed(FieldStages, d.Stages)
	keyed(FieldMistakes, d.Mistakes)
	ints(FieldPreparedN, d.PreparedN)
	keyed(FieldPrepared, d.Prepared)
	keyed(FieldSecondaryReasons, d.SecondaryReasons)
}

// apply adds v to the counter c of d, keeping maps free of zeros.
func (d *Day) apply(c Counter, v int) {
	switch c.Field {
	case FieldNos:
		d.Nos += v
	case FieldReframed:
		d.Reframed += v
	case FieldReasons:
		bump(&d.Reasons, c.Key, v)
	case FieldKinds:
		bump(&d.Kinds, c.Key, v)
	case FieldOutcomes:
		bump(&d.Outcomes, c.Key, v)
	case FieldAssumed:
		d.Assumed += v
	case FieldAssumedBy:
		bump(&d.AssumedBy, c.Key, v)
	case FieldMismatches:
		bump(&d.Mismatches, c.Key, v)
	case FieldNoReasonText:
		d.NoReasonText += v
	case FieldCompetitors:
		bump(&d.Competitors, c.Key, v)
	case FieldCompetitorWhys:
		if d.CompetitorWhys == nil {
			d.CompetitorWhys = map[string]map[string]int{}
		}
		m := d.CompetitorWhys[c.Key]
		bump(&m, c.Sub, v)
		if len(m) == 0 {
			delete(d.CompetitorWhys, c.Key)
		} else {
			d.CompetitorWhys[c.Key] = m
		}
		if len(d.CompetitorWhys) == 0 {
			d.CompetitorWhys = nil
		}
	case FieldTurned:
		bump(&d.Turned, c.Key, v)
	case FieldYesDays:
		d.addYesDays(c.Key, c.Days, v)
	case FieldFeelingSum:
		d.FeelingSum += v
	case FieldFeelingN:
		d.FeelingN += v
	case FieldFeelingAfterSum:
		d.FeelingAfterSum += v
	case FieldFeelingAfterN:
		d.FeelingAfterN += v
	case FieldTags:
		bump(&d.Tags, c.Key, v)
	case FieldFollowUpsOpen:
		d.FollowUpsOpen += v
	case FieldGuessed:
		d.Guessed += v
	case FieldDebriefed:
		d.Debriefed += v
	case FieldDebriefReasons:
		bump(&d.DebriefReasons, c.Key, v)
	case FieldDebriefSaid:
		bump(&d.DebriefSaid, c.Key, v)
	case FieldThoughtRecords:
		d.ThoughtRecords += v
	case FieldTraps:
		bump(&d.Traps, c.Key, v)
	case FieldStingDrops:
		bump(&d.StingDrops, c.Key, v)
	case FieldReferralAsked:
		d.ReferralAsked += v
	case FieldReferralGiven:
		d.ReferralGiven += v
	case FieldStages:
		bump(&d.Stages, c.Key, v)
	case FieldMistakes:
		bump(&d.Mistakes, c.Key, v)
	case FieldPreparedN:
		d.PreparedN += v
	case FieldPrepared:
		bump(&d.Prepared, c.Key, v)
	case FieldSecondaryReasons:
		bump(&d.SecondaryReasons, c.Key, v)
	}
}

func (d *Day) addYesDays(key string, days, sign int) {
	if d.YesDays == nil {
		d.YesDays = map[string]map[int]int{}
	}
	m := d.YesDays[key]
	if m == nil {
		m = map[int]int{}
	}
	m[days] += sign
	if m[days] == 0 {
		delete(m, days)
	}
	if len(m) == 0 {
		delete(d.YesDays, key)
	} else {
		d.YesDays[key] = m
	}
	if len(d.YesDays) == 0 {
		d.YesDays = nil
	}
}

// Merge adds o into d (for summing a period).
func (d *Day) Merge(o *Day) {
	o.Counters(d.apply)
}

// Sub takes o out of d (a sum that went past the end of a period).
func (d *Day) Sub(o *Day) {
	o.Counters(func(c Counter, v int) { d.apply(c, -v) })
}

// Empty reports whether no No is counted.
func (d *Day) Empty() bool { return d.Nos == 0 }

// CompetitorName normalises a competitor for grouping: trimmed, inner space
// collapsed; case is kept from the first spelling via the caller.
func CompetitorName(s string) string { return strings.Join(strings.Fields(s), " ") }

func bump(m *map[string]int, k string, sign int) {
	if k == "" {
		return
	}
	if *m == nil {
		*m = map[string]int{}
	}
	(*m)[k] += sign
	if (*m)[k] == 0 {
		delete(*m, k)
	}
	if len(*m) == 0 {
		*m = nil
	}
}
