package demo

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
	"github.com/rebound-coach/rebound/internal/words"
)

// Issue 17's fields in the demo: thought records on a growing share of
// reframes (their traps drifting away from fortune telling, their sting
// easing a little more), referrals asked and given, stages, school's
// exam wrapper, sales' secondary reasons, and reflections that say
// whether the day before's intention was kept. They draw from their own
// random sequence, so every other field of a seed's journal stays what
// it was before them.

// thinkingWords are what a mode's thought records and referrals say;
// the thought itself is the mode's example of its first trap.
type thinkingWords struct {
	evidenceFor, evidenceAgainst, balanced []string
	referrals                              []string
	prepared                               []string
}

var thinkingContent = map[string]*thinkingWords{
	"sales": {
		evidenceFor:     []string{"They didn't reply to the last two e-mails.", "They said no on the call, clearly."},
		evidenceAgainst: []string{"They asked for the pricing sheet first.", "They said to check in next quarter.", "Two prospects like them signed after a pilot."},
		balanced:        []string{"This one said no for now; the door is open for a pilot.", "It was the budget, not me, and budgets change."},
		referrals:       []string{"Dana at Globex", "Their ops lead, Farid", "A partner agency they use", "Mei at Hooli", "Their sister company"},
	},
	"job": {
		evidenceFor:     []string{"This is the third no this month.", "They picked someone with more years."},
		evidenceAgainst: []string{"I reached the final round twice this month.", "The recruiter asked to keep my CV on file."},
		balanced:        []string{"I am getting further each time; this role wanted a different profile.", "One no for one role, not a verdict on me."},
		referrals:       []string{"A recruiter at Initech", "The hiring manager's former team lead", "Grace, who is hiring at Hooli", "A startup a colleague mentioned"},
	},
	"school": {
		evidenceFor:     []string{"I lost points on the same kind of question.", "The grade is lower than last time."},
		evidenceAgainst: []string{"I got the hardest question right.", "My homework marks are going up."},
		balanced:        []string{"I know the material better than this grade says; time was the issue.", "One test, and I know what to practise."},
		referrals:       []string{"The study group on Thursdays", "The tutoring centre", "A student who took the course last year"},
		prepared:        []string{"Reread my notes", "Practice tests", "Flashcards", "Studied the night before", "Study group", "Worked through the problem sets"},
	},
	"personal": {
		evidenceFor:     []string{"They said no the last time too.", "They took a day to answer."},
		evidenceAgainst: []string{"They suggested another date.", "We had a great time last month."},
		balanced:        []string{"They are busy this week; it says nothing about us.", "A no to the plan, not to me."},
		referrals:       []string{"Maya from the climbing group", "Their cousin who loves hiking", "A friend from work"},
	},
}

func thinkingOf(m *coach.Mode) *thinkingWords {
	if c, ok := thinkingContent[m.ID]; ok {
		return c
	}
	return thinkingContent["sales"]
}

// stageWeights give each mode's stages plausible proportions, in the
// mode file's order (job: most No's come at the interview or later).
var stageWeights = map[string][]int{
	"sales": {25, 30, 30, 15},
	"job":   {22, 18, 32, 20, 8},
}

// mistakeWeights, in the mode file's order (content, careless, time, instructions).
var mistakeWeights = []int{35, 30, 20, 15}

// referralYes is a No whose referral later became a yes: its place in
// the generation order (1-based) and its date.
type referralYes struct {
	n    int
	day  journal.Day
	who  string
	mode *coach.Mode
}

// think fills issue 17's fields of n, the made-th No of the journal (its
// place 1-based is made+1); age is its age in days.
func (g *Generator) think(n *journal.No, mode *coach.Mode, age int) {
	rng, w := g.trng, thinkingOf(mode)
	if n.Reframed() {
		// The thought record took on over time: a fifth of reframes years
		// ago, nearly half now.
		share := 45 - min(25, age/30)
		if rng.IntN(100) < share {
			first := g.trap(rng, age)
			n.Traps = []string{first}
			if rng.IntN(3) == 0 {
				if second := g.trap(rng, age); second != first {
					n.Traps = append(n.Traps, second)
				}
			}
			if t, ok := mode.Trap(first); ok {
				n.Thought = t.Example
			}
			// Many stop at the thought and its traps; some weigh the
			// evidence, fewer write the balanced thought.
			if rng.IntN(100) < 55 {
				n.EvidenceFor = pick(rng, w.evidenceFor)
				n.EvidenceAgainst = pick(rng, w.evidenceAgainst)
				if rng.IntN(100) < 70 {
					n.Balanced = pick(rng, w.balanced)
				}
			}
			// Answering the thought eases the sting a little more: by two
			// points or three, three times in four (one or two without).
			if n.Feeling > 0 {
				drop := 1
				if rng.IntN(4) > 0 {
					drop = 2 + rng.IntN(2)
				}
				n.FeelingAfter = max(1, n.Feeling-drop)
			}
		}
	}
	// The referral ask, where the kind of no allows it.
	if n.Kind != journal.KindFinal && rng.IntN(100) < 18 {
		n.ReferralAsked = true
		if rng.IntN(100) < 45 {
			n.Referral = pick(rng, w.referrals)
			// Some referrals become a yes: about one a quarter however
			// many No's a day the journal holds (wins are few, as a
			// person logs them), so only those few are remembered.
			if rng.Float64() < g.referralOdds() {
				g.referrals = append(g.referrals, referralYes{n: g.made + 1, day: n.Date, who: n.Referral, mode: mode})
			}
		}
	}
	if weights := stageWeights[mode.ID]; len(weights) > 0 && len(weights) == len(mode.Stages) && rng.IntN(100) < 85 {
		n.Stage = mode.Stages[weightedIndex(rng, weights)].ID
	}
	if len(mode.Mistakes) == len(mistakeWeights) && rng.IntN(100) < 80 {
		n.Mistake = mode.Mistakes[weightedIndex(rng, mistakeWeights)].ID
	}
	if len(w.prepared) > 0 && rng.IntN(100) < 70 {
		n.Prepared = pick(rng, w.prepared)
	}
	if mode.ID == "sales" && rng.IntN(100) < 35 {
		for k := 1 + rng.IntN(2); k > 0; k-- {
			id := mode.Reasons[rng.IntN(len(mode.Reasons))].ID
			if id != n.Reason && !slices.Contains(n.SecondaryReasons, id) {
				n.SecondaryReasons = append(n.SecondaryReasons, id)
			}
		}
	}
}

// trap picks a thinking trap; fortune telling fades over the last three
// months (from nearly half of the traps to an eighth), so the recent
// periods show it "down from" the ones before.
func (g *Generator) trap(rng *rand.Rand, age int) string {
	ft := 12 + 33*min(age, 90)/90
	if rng.IntN(100) < ft {
		return "fortune-telling"
	}
	others := journal.Traps
	for {
		if t := others[rng.IntN(len(others))]; t != "fortune-telling" {
			return t
		}
	}
}

func weightedIndex(rng *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := rng.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// keptIntentions answers "Did you do it?" on most reflections that
// follow one with an intention: more often yes than not.
func (g *Generator) keptIntentions(refl []journal.Reflection) {
	for i := 1; i < len(refl); i++ {
		if refl[i-1].Intention == "" || g.trng.IntN(100) >= 75 {
			continue
		}
		switch x := g.trng.IntN(100); {
		case x < 50:
			refl[i].IntentionKept = journal.KeptYes
		case x < 80:
			refl[i].IntentionKept = journal.KeptPartly
		default:
			refl[i].IntentionKept = journal.KeptNotYet
		}
	}
}

// referralOdds is the chance a named referral becomes a yes: one
// referral win per referralEvery working days, given that about one No
// in twelve names a referral.
func (g *Generator) referralOdds() float64 {
	const referralEvery, namedShare = 60, 0.08
	perDay := float64(max(g.o.Nos, 1)) / float64(len(g.days))
	return min(1, 1/(referralEvery*namedShare*perDay))
}

// Referred reports whether the No made n-th (1-based) named a referral
// that became a win: cli's demo keeps the ids of those No's as it stores
// them, for the wins' referral_from.
func (g *Generator) Referred(n uint64) bool {
	_, ok := slices.BinarySearchFunc(g.referrals, int(n), func(r referralYes, n int) int { return r.n - n })
	return ok
}

// referralWins are the yeses the remembered referrals led to, each a
// week to six weeks after the No that named it (none past today).
// ReferralFrom is that No's place in the generation order, which is its
// id in a fresh journal; cli's demo maps it to the id it was given.
func (g *Generator) referralWins() []journal.Win {
	var out []journal.Win
	for _, r := range g.referrals {
		d := r.day.AddDays(7 + g.trng.IntN(36))
		switch d.Weekday() { // logged on a working day, as the other wins
		case time.Saturday:
			d = d.AddDays(2)
		case time.Sunday:
			d = d.AddDays(1)
		}
		if d > g.o.Today {
			continue
		}
		out = append(out, journal.Win{Date: d, Who: r.who, What: words.Capital(r.mode.Words.Yes) + " through a referral",
			Mode: r.mode.ID, CreatedAt: at(d, 17, g.trng), ReferralFrom: uint64(r.n)})
	}
	return out
}
