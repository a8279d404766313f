package insights

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/tally"
)

// MinSting is how many reframes rated before and after each side needs
// (with the thought record and without) before their sting drops are
// compared: below it an average is one or two anecdotes.
const MinSting = 5

// EasedBy is the drop, in points on the 1-5 sting scale, that counts a
// reframe as eased for the test against chance: one point is often the
// rating's own noise, two is a change the user felt.
const EasedBy = 2

// Thinking is issue 17's part of a report: the thought record (traps,
// sting with and without it), referrals, the mode's own depth (stages,
// mistakes and how prepared, decision drivers) and intentions kept.
// Traps and the sting count reframes (reframed No's), since the thought
// record is a step of the reframe.
type Thinking struct {
	// Reframes are the period's reframes, ThoughtRecords those with a
	// thought record; PrevReframes the previous period's, meaningful when
	// Compared (a previous period with reframes).
	Reframes, ThoughtRecords int
	PrevReframes             int
	Compared                 bool
	// Traps seen in the period or the previous one, most frequent first.
	Traps []Trap
	Sting Sting
	// Referrals: asked -> given -> became a yes.
	Referrals Referrals
	// Stages where the No's came, in the mode's order (sales, job).
	Stages Stages
	// Mistakes by kind (school), most frequent first; Share is over the
	// No's with a mistake (MistakesOf).
	Mistakes   []Count
	MistakesOf int
	// PreparedNos say how they prepared; Prepared are the answers heard
	// at least twice, most often first (at most MaxSaid).
	PreparedNos int
	Prepared    []Said
	// Drivers are the decision drivers, the reason plus the secondary
	// reasons; empty when no No of the period names a secondary reason
	// (they would only repeat Reasons).
	Drivers []Driver
	// Intentions are the period's reflections that said whether the
	// day before's intention was kept.
	Intentions Intentions
}

// Trap is one thinking trap: in Count of the period's reframes, Prev of
// the previous period's (see Thinking.Compared).
type Trap struct {
	ID, Label   string
	Count, Prev int
}

// StingSide is the reframes rated before and after on one side: their
// number, the average drop (nil when none) and how many eased by EasedBy
// points or more.
type StingSide struct {
	N     int
	Drop  *float64
	Eased int
}

// Sting compares the sting's drop with the thought record and without.
// Shown is set with MinSting reframes on each side. P is how often
// chance alone gives With.Eased or more of With.N, if each eased as
// often as all the rated reframes did (the binomial test of chance.go);
// StandsOut when P is below Alpha with at least MinRuleNos eased: only
// then does the report say the step seems to help.
type Sting struct {
	With, Without StingSide
	Shown         bool
	P             float64
	StandsOut     bool
}

// Referrals counts the period's No's where a referral was asked for and
// those where someone was named, and Yes the period's wins that name a
// referral_from: a yes through a referral, counted when it came (the
// win's date), as every yes is. Not the No's own outcome: that is the
// first prospect's answer, counted in Turnaround. Over a period a yes
// may come from a referral named before it; over all time the three
// are one funnel.
type Referrals struct {
	Asked, Given, Yes int
}

// Stages counts the No's by stage (Items in the mode's order, Share over
// Of, the No's with a stage). Top is the stage most No's came at (the
// earlier on a tie), TopCount its No's and AtOrLater the No's at it or a
// later stage.
type Stages struct {
	Items     []Count
	Of        int
	Top       string
	TopLabel  string
	TopCount  int
	AtOrLater int
	// TopFirst is set when Top is the mode's first stage (nothing earlier
	// to compare "or later" with).
	TopFirst bool
}

// Driver is one decision driver: the No's with it as the reason
// (Primary) and as a secondary reason.
type Driver struct {
	ID, Label          string
	Primary, Secondary int
}

// Total is the No's where this reason drove the decision.
func (d Driver) Total() int { return d.Primary + d.Secondary }

// Intentions counts the answers to "Did you do it?".
type Intentions struct {
	Yes, Partly, NotYet int
}

// Total is how many reflections answered.
func (i Intentions) Total() int { return i.Yes + i.Partly + i.NotYet }

// thinking fills the report's Thinking from the period's tally, the
// previous period's and what was read beside them.
func thinking(cur, prev *tally.Day, compared bool, in Input, l labels) Thinking {
	t := Thinking{
		Reframes: cur.Reframed, ThoughtRecords: cur.ThoughtRecords,
		PrevReframes: prev.Reframed, Compared: compared && prev.Reframed > 0,
		Traps: []Trap{}, Mistakes: []Count{}, Prepared: []Said{}, Drivers: []Driver{},
	}
	if !t.Compared {
		t.PrevReframes = 0
	}
	for _, id := range journal.Traps {
		tr := Trap{ID: id, Label: l.trap(id), Count: cur.Traps[id]}
		if t.Compared {
			tr.Prev = prev.Traps[id]
		}
		if tr.Count > 0 || tr.Prev > 0 {
			t.Traps = append(t.Traps, tr)
		}
	}
	slices.SortStableFunc(t.Traps, func(a, b Trap) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(b.Prev, a.Prev))
	})
	t.Sting = sting(cur.StingDrops)
	t.Referrals = Referrals{Asked: cur.ReferralAsked, Given: cur.ReferralGiven, Yes: in.ReferralYes}
	t.Stages = stages(cur.Stages, l)
	for _, n := range cur.Mistakes {
		t.MistakesOf += n
	}
	t.Mistakes = counts(cur.Mistakes, nil, t.MistakesOf, false, l.mistake)
	t.PreparedNos = cur.PreparedN
	for text, n := range cur.Prepared {
		if n >= 2 {
			t.Prepared = append(t.Prepared, Said{Text: text, Count: n})
		}
	}
	slices.SortFunc(t.Prepared, func(a, b Said) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Text, b.Text))
	})
	t.Prepared = t.Prepared[:min(len(t.Prepared), MaxSaid)]
	if len(cur.SecondaryReasons) > 0 {
		for id, n := range cur.Reasons {
			t.Drivers = append(t.Drivers, Driver{ID: id, Label: l.reason(id), Primary: n, Secondary: cur.SecondaryReasons[id]})
		}
		for id, n := range cur.SecondaryReasons {
			if cur.Reasons[id] == 0 {
				t.Drivers = append(t.Drivers, Driver{ID: id, Label: l.reason(id), Secondary: n})
			}
		}
		slices.SortFunc(t.Drivers, func(a, b Driver) int {
			return cmp.Or(cmp.Compare(b.Total(), a.Total()), cmp.Compare(b.Secondary, a.Secondary), cmp.Compare(a.ID, b.ID))
		})
	}
	t.Intentions = Intentions{Yes: in.Kept[journal.KeptYes], Partly: in.Kept[journal.KeptPartly], NotYet: in.Kept[journal.KeptNotYet]}
	return t
}

// sting reads the drops' counts ("with:2" -> n) into the two sides and
// tests the side with the thought record against chance.
func sting(drops map[string]int) Sting {
	var s Sting
	var sum [2]int
	for k, n := range drops {
		side, d, ok := strings.Cut(k, ":")
		drop, err := strconv.Atoi(d)
		if !ok || err != nil || n <= 0 {
			continue
		}
		x, i := &s.Without, 0
		if side == "with" {
			x, i = &s.With, 1
		}
		x.N += n
		sum[i] += drop * n
		if drop >= EasedBy {
			x.Eased += n
		}
	}
	s.Without.Drop, s.With.Drop = avg(sum[0], s.Without.N), avg(sum[1], s.With.N)
	s.Shown = s.With.N >= MinSting && s.Without.N >= MinSting
	if s.Shown {
		pooled := ratio(s.With.Eased+s.Without.Eased, s.With.N+s.Without.N)
		s.P = UpperTail(s.With.Eased, s.With.N, pooled)
		s.StandsOut = s.With.Eased >= MinRuleNos && s.P < Alpha
	}
	return s
}

// stages lists the stage counts in the mode's order (ids foreign to the
// mode after them) and finds where most No's came.
func stages(m map[string]int, l labels) Stages {
	var order []coach.Choice
	if l.mode != nil {
		order = l.mode.Stages
	}
	pos := func(id string) int {
		if i := slices.IndexFunc(order, func(c coach.Choice) bool { return c.ID == id }); i >= 0 {
			return i
		}
		return len(order)
	}
	s := Stages{Items: []Count{}}
	for _, n := range m {
		s.Of += n
	}
	s.Items = counts(m, nil, s.Of, false, l.stage)
	slices.SortStableFunc(s.Items, func(a, b Count) int { return cmp.Compare(pos(a.ID), pos(b.ID)) })
	top := -1
	for i, c := range s.Items {
		if top < 0 || c.Count > s.Items[top].Count {
			top = i
		}
	}
	if top < 0 {
		return s
	}
	s.Top, s.TopLabel, s.TopCount = s.Items[top].ID, s.Items[top].Label, s.Items[top].Count
	s.TopFirst = pos(s.Top) == 0
	for _, c := range s.Items[top:] {
		if order == nil || pos(c.ID) < len(order) {
			s.AtOrLater += c.Count
		}
	}
	return s
}

func (l labels) trap(id string) string {
	if l.mode != nil {
		return l.mode.TrapName(id)
	}
	return id
}

func (l labels) stage(id string) string {
	if l.mode != nil {
		return l.mode.StageLabel(id)
	}
	return id
}

func (l labels) mistake(id string) string {
	if l.mode != nil {
		return l.mode.MistakeLabel(id)
	}
	return id
}
