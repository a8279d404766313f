// Package demo makes a realistic journal: No's spread over years on working
// days, each mode's reasons in plausible proportions, kinds, competitors,
// turnaround answers, outcomes that turned after follow-ups, reflections on
// most days, wins and tags. The same seed always gives the same journal.
package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/rebound-coach/rebound/internal/coach"
	"github.com/rebound-coach/rebound/internal/journal"
)

// Options shape the journal.
type Options struct {
	Nos   int         // how many No's
	Days  int         // spread over this many days before Today
	Seed  uint64      // same seed, same journal
	Today journal.Day // the last day
	Mode  string      // one mode; "" mixes them (mostly the first, some of the others)
}

// Journal is what Generate makes, ready for the store.
type Journal struct {
	Nos         []journal.No
	Reflections []journal.Reflection
	Wins        []journal.Win
	RestDays    []journal.Day
}

var (
	companies = []string{"Acme Corp", "Globex", "Initech", "Umbrella", "Stark Industries", "Wayne Enterprises", "Hooli",
		"Pied Piper", "Soylent", "Vandelay Industries", "Wonka", "Cyberdyne", "Tyrell", "Aperture", "Black Mesa",
		"Monsters Inc", "Gringotts", "Dunder Mifflin", "Sterling Cooper", "Massive Dynamic", "Oscorp", "Nakatomi",
		"Virtucon", "Bluth Company", "Prestige Worldwide", "Krusty Krab", "Los Pollos", "Gekko & Co", "Duff", "Buy n Large"}
	firstNames = []string{"Ana", "Ben", "Chloé", "Dev", "Eva", "Farid", "Grace", "Hiro", "Ines", "Jon", "Kemi", "Lars", "Mei", "Nia", "Omar", "Priya"}
)

// Generate builds the whole journal in memory (tests and benchmarks). It
// is deterministic for a seed, and equal to what a Generator gives.
func Generate(cat *coach.Catalog, o Options) (Journal, error) {
	g, err := NewGenerator(cat, o)
	if err != nil {
		return Journal{}, err
	}
	j := Journal{Nos: make([]journal.No, 0, o.Nos)}
	for batch := g.Next(nil, 4096); len(batch) > 0; batch = g.Next(nil, 4096) {
		j.Nos = append(j.Nos, batch...)
	}
	rest := g.Rest()
	j.Reflections, j.Wins, j.RestDays = rest.Reflections, rest.Wins, rest.RestDays
	return j, nil
}

// Generator makes the journal a batch of No's at a time, then the rest,
// so filling a journal of 100k No's keeps memory flat.
type Generator struct {
	o     Options
	rng   *rand.Rand
	modes []*coach.Mode
	start journal.Day
	days  []journal.Day // working days in the range, oldest first
	made  int
	// trng draws issue 17's fields (thinking.go) apart from rng, so the
	// rest of a seed's journal is what it was before them; referrals are
	// the few No's whose referral became a win, in the order made.
	trng      *rand.Rand
	referrals []referralYes
}

// NewGenerator checks o and starts the journal's random sequence.
func NewGenerator(cat *coach.Catalog, o Options) (*Generator, error) {
	if o.Nos < 0 || o.Days < 1 {
		return nil, fmt.Errorf("demo: need at least one day and zero or more No's")
	}
	g := &Generator{o: o, rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9E3779B97F4A7C15)),
		trng: rand.New(rand.NewPCG(o.Seed^0x5851F42D4C957F2D, o.Seed+17))}
	if o.Mode != "" {
		m, err := cat.Mode(o.Mode)
		if err != nil {
			return nil, err
		}
		g.modes = []*coach.Mode{m}
	} else {
		g.modes = cat.Modes()
	}
	g.start = o.Today.AddDays(-(o.Days - 1))
	for d := g.start; d <= o.Today; d = d.AddDays(1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			g.days = append(g.days, d)
		}
	}
	if len(g.days) == 0 {
		g.days = []journal.Day{o.Today}
	}
	return g, nil
}

// Next appends up to max of the next No's to buf[:0] and returns it;
// empty when all are made.
func (g *Generator) Next(buf []journal.No, max int) []journal.No {
	buf = buf[:0]
	for ; g.made < g.o.Nos && len(buf) < max; g.made++ {
		// Spread evenly with jitter, so every period has data.
		di := min(len(g.days)-1, g.made*len(g.days)/g.o.Nos+g.rng.IntN(3))
		mode := g.modes[0]
		if len(g.modes) > 1 && g.rng.IntN(10) >= 7 {
			mode = g.modes[1+g.rng.IntN(len(g.modes)-1)]
		}
		buf = append(buf, makeNo(g.rng, mode, g.days[di], g.o.Today))
		g.think(&buf[len(buf)-1], mode, g.days[di].DaysUntil(g.o.Today))
	}
	return buf
}

// Rest makes the reflections, wins and rest days; call it after the No's.
func (g *Generator) Rest() Journal {
	var j Journal
	rng, o, modes := g.rng, g.o, g.modes
	// Reflections on most working days (more often recently), rest days now and then.
	for _, d := range g.days {
		age := d.DaysUntil(o.Today)
		p := 55
		if age < 120 {
			p = 80
		}
		if rng.IntN(100) < p {
			j.Reflections = append(j.Reflections, makeReflection(rng, modes[0], d))
		}
	}
	for w := g.start.WeekStart(); w <= o.Today; w = w.AddDays(7) {
		if rng.IntN(4) == 0 {
			j.RestDays = append(j.RestDays, w.AddDays(5)) // a Saturday
		}
		if rng.IntN(3) == 0 {
			d := w.AddDays(rng.IntN(5))
			if d >= g.start && d <= o.Today {
				c := contentOf(modes[0])
				j.Wins = append(j.Wins, journal.Win{Date: d, Who: pick(rng, c.whos), What: pick(rng, c.wins), Mode: modes[0].ID,
					CreatedAt: at(d, 17, rng)})
			}
		}
	}
	g.keptIntentions(j.Reflections)
	j.Wins = append(j.Wins, g.referralWins()...)
	return j
}

func makeNo(rng *rand.Rand, mode *coach.Mode, day, today journal.Day) journal.No {
	c := contentOf(mode)
	n := journal.No{Date: day, Mode: mode.ID, CreatedAt: at(day, 9+rng.IntN(8), rng)}
	n.UpdatedAt = n.CreatedAt
	n.Who = pick(rng, c.whos)
	if len(c.contacts) > 0 && rng.IntN(3) == 0 {
		n.Contact = pick(rng, c.contacts)
	}
	n.Offer = pick(rng, c.offers)
	n.Channel = pick(rng, c.channels)
	reason := weighted(rng, mode, c)
	// What they said is what the reason means, in the mode's words.
	if said := c.said[reason.ID]; len(said) > 0 {
		n.Said = pick(rng, said)
	} else {
		n.Said = reason.Hint
	}
	n.Reason = reason.ID
	n.Kind = reason.Kind
	if n.Kind == "" {
		n.Kind = journal.Kinds[rng.IntN(len(journal.Kinds))]
	}
	if rng.IntN(3) > 0 {
		n.Assumed = n.Reason
		if rng.IntN(3) == 0 {
			n.Assumed = mode.Reasons[rng.IntN(len(mode.Reasons))].ID
		}
	}
	n.Feeling = 1 + rng.IntN(5)
	if rng.IntN(2) == 0 {
		// Their reason in their words: the reason's other line, else the same.
		n.ReasonText = n.Said
		for _, l := range c.said[reason.ID] {
			if l != n.Said {
				n.ReasonText = l
			}
		}
	}
	if (c.altReason != "" && n.Reason == c.altReason) || rng.IntN(12) == 0 {
		n.Competitor = pick(rng, c.alternatives)
		n.CompetitorWhy = pick(rng, c.altWhy)
	}
	reframed := rng.IntN(100) < 70
	if reframed {
		n.Change = pick(rng, c.changes)
		n.Lesson = pick(rng, c.lessons)
		n.Next = pick(rng, c.nexts)
		n.FeelingAfter = max(1, n.Feeling-1-rng.IntN(2))
		t := n.CreatedAt.Add(time.Duration(1+rng.IntN(8)) * time.Hour)
		n.ReframedAt = &t
	}
	if rng.IntN(4) == 0 {
		n.Tags = []string{pick(rng, c.tags)}
	}
	// Outcome history: most stay open or get closed; some turn.
	n.Outcome = journal.OutcomeOpen
	n.OutcomeHistory = []journal.OutcomeChange{{Outcome: journal.OutcomeOpen, At: n.CreatedAt.UTC()}}
	age := day.DaysUntil(today)
	if n.Kind != journal.KindFinal && rng.IntN(100) < 60 {
		fu := day.AddDays(2 + rng.IntN(60))
		n.FollowUp = fu
		n.FollowUpDone = fu < today && rng.IntN(100) < 85
	}
	last := 0 // the day (after the No's) of the last change of outcome
	step := func(o journal.Outcome, after int) {
		if after <= age {
			last = after
			n.Outcome = o
			n.OutcomeHistory = append(n.OutcomeHistory, journal.OutcomeChange{Outcome: o, At: at(day.AddDays(after), 11, rng).UTC()})
		}
	}
	switch r := rng.IntN(100); {
	case r < 8:
		step(journal.OutcomeFollowingUp, 3)
		step(journal.OutcomeMaybe, 10)
		step(journal.OutcomeYes, 15+rng.IntN(60))
	case r < 15:
		step(journal.OutcomeFollowingUp, 3)
		step(journal.OutcomeMaybe, 12+rng.IntN(20))
	case r < 35:
		step(journal.OutcomeFollowingUp, 2+rng.IntN(10))
	case r < 65:
		step(journal.OutcomeClosed, 20+rng.IntN(40))
	}
	if n.Outcome == journal.OutcomeYes || n.Outcome == journal.OutcomeClosed {
		n.FollowUpDone = n.FollowUp != ""
	}
	// Old follow-ups are settled as people settle them: past the last
	// month nearly every one was done or let go (closed), and only a few
	// linger for the long-late note to offer; the recent ones keep the
	// 15% still waiting. A demo journal of years is not buried under tens
	// of thousands of overdue follow-ups.
	if n.FollowUp != "" && !n.FollowUpDone && n.FollowUp.DaysUntil(today) > 30 && rng.IntN(1000) < 995 {
		n.FollowUpDone = true
		if rng.IntN(10) < 3 {
			step(journal.OutcomeClosed, max(last, day.DaysUntil(n.FollowUp))+1+rng.IntN(14))
		}
	}
	if len(n.OutcomeHistory) > 1 {
		n.UpdatedAt = n.OutcomeHistory[len(n.OutcomeHistory)-1].At
	}
	return n
}

func makeReflection(rng *rand.Rand, mode *coach.Mode, d journal.Day) journal.Reflection {
	c := contentOf(mode)
	p := mode.Prompts[rng.IntN(len(mode.Prompts))]
	r := journal.Reflection{Date: d, Mood: 1 + rng.IntN(5), PromptIDs: []string{p.ID},
		Answers:     []journal.Answer{{Prompt: p.Text, Answer: pick(rng, c.lessons)}},
		Ritual:      mode.Rituals[rng.IntN(len(mode.Rituals))].ID,
		Win:         pick(rng, c.wins),
		Intention:   pick(rng, c.nexts),
		CompletedAt: at(d, 18, rng).UTC(), Sessions: 1}
	return r
}

// weighted picks one of the mode's reasons in the content's proportions
// (evenly without them, or when the taxonomy no longer matches them).
func weighted(rng *rand.Rand, mode *coach.Mode, c *content) coach.Reason {
	if len(c.weights) == len(mode.Reasons) {
		total := 0
		for _, w := range c.weights {
			total += w
		}
		x := rng.IntN(total)
		for i, w := range c.weights {
			if x < w {
				return mode.Reasons[i]
			}
			x -= w
		}
	}
	return mode.Reasons[rng.IntN(len(mode.Reasons))]
}

func pick(rng *rand.Rand, s []string) string { return s[rng.IntN(len(s))] }

// at is a moment on day d around hour h, local time.
func at(d journal.Day, h int, rng *rand.Rand) time.Time {
	return d.Time(time.Local).Add(time.Duration(h)*time.Hour + time.Duration(rng.IntN(3600))*time.Second)
}
